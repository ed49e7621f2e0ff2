package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/**
 * {@code POST /api/v1/crm/fixtures} (the earlier {@code loaddata crm_sync_fixtures.json}): records
 * created with their ids and, for linked ones, the sync state of an earlier sync; a second load adds
 * nothing; one invalid record loads nothing and is named by record and field; admins only.
 */
@QuarkusTest
@SyncApiInfrastructure
class FixtureResourceTests {

    /** The local stack's demo fixtures (the test runs in sync-api/). */
    static final Path DEMO = Path.of("../deploy/local/fixtures/crm_sync_fixtures.json");

    @InjectPostgres
    TestPostgres postgres;

    @Test
    void loadsRecordsWithTheirSyncStateAndASecondLoadAddsNothing() throws Exception {
        UUID created = UUID.randomUUID();
        UUID linked = UUID.randomUUID();
        UUID edited = UUID.randomUUID();
        UUID contact = UUID.randomUUID();
        UUID creatioId = UUID.randomUUID();
        String file = """
                {"description": "test", "leads": [
                  {"id": "%s", "first_name": "Ada", "last_name": "Lovelace", "email": "ada.%s@nia.example", "status": "qualified"},
                  {"id": "%s", "last_name": "Linked", "email": "linked.%s@nia.example", "title": "CTO",
                   "sync": {"creatio_id": "%s", "agreed": {}}},
                  {"id": "%s", "last_name": "Edited", "email": "edited.%s@nia.example", "title": "CEO",
                   "sync": {"creatio_id": "%s", "agreed": {"title": "CTO"}}}],
                 "contacts": [{"id": "%s", "full_name": "Grace Hopper", "job_title": "Admiral"}]}
                """.formatted(created, created, linked, linked, UUID.randomUUID(), edited, edited, creatioId, contact);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(file)
                .when().post("/api/v1/crm/fixtures").then().statusCode(200)
                .body("leads.created", equalTo(3)).body("leads.already_present", equalTo(0))
                .body("contacts.created", equalTo(1)).body("sync_states_created", equalTo(2));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(file)
                .when().post("/api/v1/crm/fixtures").then().statusCode(200)
                .body("leads.created", equalTo(0)).body("leads.already_present", equalTo(3))
                .body("contacts.created", equalTo(0)).body("contacts.already_present", equalTo(1))
                .body("sync_states_created", equalTo(0));

        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/leads/" + created).then().statusCode(200)
                .body("first_name", equalTo("Ada")).body("status", equalTo("qualified")).body("version", equalTo(0));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/contacts/" + contact).then().statusCode(200)
                .body("job_title", equalTo("Admiral"));
        // loading plans nothing: a record without sync state has none, the linked ones are synced and idle
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/lead/" + created).then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/lead/" + linked).then().statusCode(200)
                .body("status", equalTo("synced")).body("local_version", equalTo(0)).body("synced_version", equalTo(0));
        // the edited one: agreed at version 0 (title CTO), edited in NIA since (version 1, title CEO)
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/lead/" + edited).then().statusCode(200)
                .body("status", equalTo("synced")).body("creatio_id", equalTo(creatioId.toString()))
                .body("synced_version", equalTo(0)).body("pending_command_id", equalTo(null));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/leads/" + edited).then().statusCode(200)
                .body("title", equalTo("CEO")).body("version", equalTo(1));
        try (Connection c = postgres.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT base_snapshot->'values'->>'FullJobTitle' FROM creatio_sync WHERE local_id = '" + edited + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("CTO");
        }
    }

    @Test
    void theLocalStacksDemoFixturesAreValidAndLoadIdempotently() throws Exception {
        String demo = Files.readString(DEMO);
        // another test (or the start-up loader's test) may have loaded them already: together they are always all 10 and 4
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(demo)
                .when().post("/api/v1/crm/fixtures").then().statusCode(200);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(demo)
                .when().post("/api/v1/crm/fixtures").then().statusCode(200)
                .body("leads.created", equalTo(0)).body("leads.already_present", equalTo(10))
                .body("contacts.created", equalTo(0)).body("contacts.already_present", equalTo(4));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/lead/f17e0000-0000-4000-8000-000000000004")
                .then().statusCode(200).body("status", equalTo("synced"))
                .body("creatio_id", equalTo("b1ac8c89-0222-44a9-a8d3-5d3c42bb57aa"));
    }

    @Test
    void anInvalidRecordIsNamedByRecordAndFieldAndNothingIsLoaded() {
        UUID valid = UUID.randomUUID();
        String file = """
                {"leads": [
                  {"id": "%s", "last_name": "Valid", "email": "valid.%s@nia.example"},
                  {"id": "%s", "last_name": "Bad", "email": "not-an-email"},
                  {"last_name": "No id"},
                  {"id": "%s", "last_name": "Unknown", "colour": "blue"},
                  {"id": "%s", "last_name": "Half linked", "sync": {"agreed": {"status": "won"}}}],
                 "contacts": [{"id": "%s", "email": "nameless@nia.example"}],
                 "meetings": []}
                """.formatted(valid, valid, UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

        List<String> fields = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(file)
                .when().post("/api/v1/crm/fixtures").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItems("leads[1].email", "leads[2].id", "leads[3]", "leads[4].sync.creatio_id",
                        "leads[4].sync.agreed.status", "contacts[0].full_name", "meetings"))
                .extract().jsonPath().getList("errors.field");
        assertThat(fields).doesNotContain("leads[0].email");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/leads/" + valid).then().statusCode(404);
    }

    @Test
    void onlyAdminsLoadFixtures() {
        String file = "{\"leads\": [{\"id\": \"" + UUID.randomUUID() + "\", \"last_name\": \"Nobody\"}]}";
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(file)
                .when().post("/api/v1/crm/fixtures").then().statusCode(403);
        given().contentType(ContentType.JSON).body(file).when().post("/api/v1/crm/fixtures").then().statusCode(401);
    }
}
