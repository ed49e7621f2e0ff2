package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.syncapi.api.LookupViews;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/** NIA's lead store over HTTP, PostgreSQL and real tokens. */
@QuarkusTest
@SyncApiInfrastructure
class LeadResourceTests {

    @InjectPostgres
    TestPostgres postgres;

    @Inject
    @CacheName(LookupViews.CACHE)
    Cache lookupNames;

    private static String lead(String email) {
        return "{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + email + "\",\"company\":\"Analytical Engines\","
                + "\"title\":\"CTO\",\"status\":\"qualified\",\"budget\":50000.00,\"budget_discussed\":true}";
    }

    private static String unique() {
        return "ada-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void createsReadsReplacesAndSoftDeletesALeadWithVersionChecks() {
        String email = unique();
        String location = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(lead(email))
                .when().post("/api/v1/leads")
                .then().statusCode(201).header("ETag", "\"0\"")
                .body("email", equalTo(email)).body("status", equalTo("qualified")).body("budget", equalTo(50000.0f))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        given().auth().oauth2(TestTokens.operator()).when().get("/api/v1/leads/" + id)
                .then().statusCode(200).body("first_name", equalTo("Ada")).body("deleted", equalTo(false));

        given().auth().oauth2(TestTokens.operator()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(lead(email).replace("\"CTO\"", "\"CEO\""))
                .when().put("/api/v1/leads/" + id)
                .then().statusCode(200).header("ETag", "\"1\"").body("title", equalTo("CEO")).body("version", equalTo(1));

        // a stale version is refused, never silently applied over the newer change
        given().auth().oauth2(TestTokens.operator()).header("If-Match", "\"0\"").contentType(ContentType.JSON).body(lead(email))
                .when().put("/api/v1/leads/" + id)
                .then().statusCode(412).contentType("application/problem+json");

        given().auth().oauth2(TestTokens.operator()).when().delete("/api/v1/leads/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/leads/" + id)
                .then().statusCode(200).body("deleted", equalTo(true));
        given().auth().oauth2(TestTokens.viewer()).queryParam("email", email).when().get("/api/v1/leads")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.viewer()).queryParam("email", email).queryParam("include_deleted", true).when().get("/api/v1/leads")
                .then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void concurrentEditsOfOneLeadQueueOnItsRowInsteadOfFailing() throws Exception {
        String email = unique();
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(lead(email))
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        String token = TestTokens.operator();
        int threads = 8;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Integer>>> answers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean conditional = t % 2 == 1;
                answers.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        var put = given().auth().oauth2(token).contentType(ContentType.JSON).body(lead(email));
                        if (conditional) {
                            // an If-Match read a moment ago: either still current (200) or overtaken (412)
                            String etag = given().auth().oauth2(token).when().get("/api/v1/leads/" + id).then().extract().header("ETag");
                            put = put.header("If-Match", etag);
                        }
                        statuses.add(put.when().put("/api/v1/leads/" + id).then().extract().statusCode());
                    }
                    return statuses;
                }));
            }
            int unconditionalOk = 0;
            int conditionalOk = 0;
            for (int t = 0; t < threads; t++) {
                for (int status : answers.get(t).get()) {
                    if (t % 2 == 1) {
                        assertThat(status).as("a conditional PUT racing others").isIn(200, 412);
                        conditionalOk += status == 200 ? 1 : 0;
                    } else {
                        assertThat(status).as("an unconditional PUT racing others (last writer wins)").isEqualTo(200);
                        unconditionalOk++;
                    }
                }
            }
            // every accepted edit is one version: none lost, none failed half-way
            given().auth().oauth2(token).when().get("/api/v1/leads/" + id)
                    .then().statusCode(200).body("version", equalTo(unconditionalOk + conditionalOk));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRepeatedCreateWithTheSameIdempotencyKeyCreatesOneLead() {
        String email = unique();
        String key = UUID.randomUUID().toString();
        String first = given().auth().oauth2(TestTokens.operator()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(lead(email))
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        String second = given().auth().oauth2(TestTokens.operator()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(lead(email))
                .when().post("/api/v1/leads").then().statusCode(200).extract().path("id");
        assertThat(second).isEqualTo(first);
        given().auth().oauth2(TestTokens.viewer()).queryParam("email", email).when().get("/api/v1/leads")
                .then().body("total", equalTo(1));

        given().auth().oauth2(TestTokens.operator()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(lead(unique()))
                .when().post("/api/v1/leads")
                .then().statusCode(422).contentType("application/problem+json").body("title", equalTo("Idempotency-Key reused"));
    }

    @Test
    void rejectsAnInvalidLeadWithAProblemNamingEachField() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"email\":\"not-an-email\",\"status\":\"hot\",\"budget\":-1}")
                .when().post("/api/v1/leads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("/email", "/status", "/budget"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"first_name\":\"Nobody\"}")
                .when().post("/api/v1/leads")
                .then().statusCode(400).body("errors.message", hasItems("a lead needs a last_name, an email or a company"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"budget\":\"lots\"}")
                .when().post("/api/v1/leads")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("/budget"));
    }

    @Test
    void aHalfMegabyteTitleIsAProblemNamingTheFieldAndABodyOverTheCapIsRefused() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"last_name\":\"Long\",\"title\":\"" + "t".repeat(500_000) + "\"}")
                .when().post("/api/v1/leads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("/title"));
        // quarkus.http.limits.max-body-size: the body is refused before it is read
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"last_name\":\"Long\",\"notes\":\"" + "n".repeat(3 * 1024 * 1024) + "\"}")
                .when().post("/api/v1/leads")
                .then().statusCode(413);
    }

    @Test
    void hidesTheBudgetFromViewersInEveryLeadView() {
        String email = unique();
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(lead(email))
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/leads/" + id)
                .then().statusCode(200).body("budget", nullValue()).body("email", equalTo(email));
        given().auth().oauth2(TestTokens.viewer()).queryParam("email", email).when().get("/api/v1/leads")
                .then().statusCode(200).body("items[0].budget", nullValue()).body("items[0].id", equalTo(id));
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/leads/" + id)
                .then().statusCode(200).body("budget", notNullValue());
    }

    @Test
    void aLeadViewShowsItsStatusLookupWithTheStagesName() {
        String email = unique();
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(lead(email))
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/leads/" + id)
                .then().statusCode(200).body("status", equalTo("qualified"))
                .body("lookups.status.id", equalTo("ceb70b3c-985f-4867-ae7c-88f9dd710688"))
                .body("lookups.status.name", equalTo("Handoff to sales"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("email", email).when().get("/api/v1/leads")
                .then().statusCode(200).body("items[0].lookups.status.name", equalTo("Handoff to sales"));
    }

    @Test
    void aLeadViewWhoseStageNameCannotBeFoundNowShowsTheIdWithANullName() {
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(lead(unique()).replace("\"qualified\"", "\"disqualified\""))
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        lookupNames.invalidateAll().await().indefinitely();
        FakeGateway.mode(FakeGateway.Mode.FAILING);
        try {
            given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/leads/" + id)
                    .then().statusCode(200).body("lookups.status.id", equalTo("128c3718-771a-4d1e-9035-6fa135ca5f70"))
                    .body("lookups.status", hasKey("name")).body("lookups.status.name", nullValue());
        } finally {
            FakeGateway.reset();
        }
    }

    @Test
    void aViewerCannotWriteAndAnUnknownLeadIsAProblem() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(lead(unique()))
                .when().post("/api/v1/leads").then().statusCode(403);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/leads/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void auditsAnEditWithTheUserAndTheBeforeAndAfterValues() throws Exception {
        String email = unique();
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(lead(email))
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(lead(email).replace("\"CTO\"", "\"CFO\""))
                .when().put("/api/v1/leads/" + id).then().statusCode(200);
        try (Connection c = postgres.connect();
                ResultSet rs = c.createStatement().executeQuery("SELECT actor, action, before_state::text, after_state::text"
                        + " FROM audit_entry WHERE target = 'lead/" + id + "' ORDER BY id")) {
            List<String> actions = new java.util.ArrayList<>();
            while (rs.next()) {
                actions.add(rs.getString("action"));
                if (rs.getString("action").equals("lead.update")) {
                    assertThat(rs.getString("actor")).isEqualTo("ada.admin");
                    assertThat(rs.getString(3)).contains("CTO");
                    assertThat(rs.getString(4)).contains("CFO");
                }
            }
            assertThat(actions).containsExactly("lead.create", "lead.update");
        }
    }

    @Test
    void findsLeadsByAPartOfTheirNameCompanyOrEmailInAnyCase() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String email = "grace-" + tag + "@example.com";
        String body = lead(email).replace("\"Ada\"", "\"Grace" + tag + "\"").replace("Analytical Engines", "Hopper_" + tag + " Ltd");
        String id = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");

        for (String q : List.of("grace" + tag.toUpperCase(), "HOPPER_" + tag, "grace-" + tag + "@example")) {
            given().auth().oauth2(TestTokens.viewer()).queryParam("q", q).when().get("/api/v1/leads")
                    .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id));
        }
        // the search's wildcards are the service's own: a typed "%" or "_" is a character, not a pattern
        given().auth().oauth2(TestTokens.viewer()).queryParam("q", "hopper%" + tag).when().get("/api/v1/leads")
                .then().statusCode(200).body("total", equalTo(0));
        given().auth().oauth2(TestTokens.viewer()).queryParam("q", "nobody-" + tag).when().get("/api/v1/leads")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void pagesNewestFirst() {
        String company = "Paging " + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body("{\"company\":\"" + company + "\",\"last_name\":\"P" + i + "\",\"email\":\"" + unique() + "\"}")
                    .when().post("/api/v1/leads").then().statusCode(201);
        }
        given().auth().oauth2(TestTokens.viewer()).queryParam("size", 2).queryParam("page", 0).when().get("/api/v1/leads")
                .then().statusCode(200).body("items.size()", equalTo(2)).body("size", equalTo(2)).body("page", equalTo(0));
        given().auth().oauth2(TestTokens.viewer()).queryParam("size", 501).when().get("/api/v1/leads")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("/size"));
    }
}
