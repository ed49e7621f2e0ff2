package com.nia.crmsync.conflict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.conflict.repository.SyncConflictRepository;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/** The read side of the inbox: filters, paging newest first, one conflict side by side, and budget hidden from viewers. */
@QuarkusTest
@ConflictServiceInfrastructure
class ConflictResourceTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CONFLICTS = "/api/v1/crm/conflicts/";

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncConflictRepository repository;

    @Test
    void listsConflictsNewestFirstByPageAndFilter() {
        EntityKey lead = Conflicts.newLead();
        Instant t = Instant.parse("2026-11-20T08:00:00Z");
        Conflicts.publishMismatches(kafka,
                Conflicts.manual(lead, "Phone", "0", "1", "2", t),
                Conflicts.manual(lead, "Email", "a", "b", "c", t.plusSeconds(60)),
                Conflicts.manual(lead, "Website", "x", "y", "z", t.plusSeconds(120)),
                Conflicts.ofType(lead, MismatchType.VALIDATION_FAILED, "JobTitle", null, "JobTitle: too long"));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 4);

        given().auth().oauth2(TestTokens.viewer())
                .queryParam("entity_id", lead.localId()).queryParam("type", "field_mismatch").queryParam("size", 2)
                .when().get(CONFLICTS)
                .then().statusCode(200)
                .body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.field", contains("Website", "Email"));
        given().auth().oauth2(TestTokens.viewer())
                .queryParam("entity_id", lead.localId()).queryParam("type", "field_mismatch").queryParam("size", 2).queryParam("page", 1)
                .when().get("/api/v1/crm/conflicts")
                .then().statusCode(200).body("items.field", contains("Phone"));
        given().auth().oauth2(TestTokens.viewer())
                .queryParam("entity_id", lead.localId()).queryParam("field", "Email").queryParam("status", "pending")
                .queryParam("entity_type", "lead")
                .when().get(CONFLICTS)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].nia_value", equalTo("b"));
        given().auth().oauth2(TestTokens.viewer())
                .queryParam("entity_id", lead.localId()).queryParam("type", "validation_failed")
                .when().get(CONFLICTS)
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].detail", equalTo("JobTitle: too long"));
        given().auth().oauth2(TestTokens.viewer())
                .queryParam("entity_id", lead.localId()).queryParam("status", "resolved")
                .when().get(CONFLICTS)
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void listsPendingConflictsByDefaultAndTheOthersByStatusOrAll() {
        EntityKey lead = Conflicts.newLead();
        Conflicts.publishMismatches(kafka,
                Conflicts.manual(lead, "Phone", "0", "1", "2", Instant.now()),
                Conflicts.decided(lead, "Website", "x", "y", "z", ConflictPolicy.LOCAL_WINS, Side.NIA, "local_wins"));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 2);
        String decided = Conflicts.one(repository, lead, "Website").status;
        assertThat(decided).isNotEqualTo("pending");

        given().auth().oauth2(TestTokens.viewer()).queryParam("entity_id", lead.localId())
                .when().get(CONFLICTS)
                .then().statusCode(200).body("total", equalTo(1)).body("items.field", contains("Phone"))
                .body("items[0].status", equalTo("pending"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("entity_id", lead.localId()).queryParam("status", decided)
                .when().get(CONFLICTS)
                .then().statusCode(200).body("items.field", contains("Website"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("entity_id", lead.localId()).queryParam("status", "all")
                .when().get(CONFLICTS)
                .then().statusCode(200).body("total", equalTo(2)).body("items.field", containsInAnyOrder("Phone", "Website"));
    }

    @Test
    void refusesUnknownFilterValuesWithAProblemNamingTheParameter() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("status", "open")
                .when().get(CONFLICTS)
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("status"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("entity_type", "dragon")
                .when().get(CONFLICTS)
                .then().statusCode(400).body("errors.field", hasItem("entity_type"));
    }

    @Test
    void showsOneConflictsValuesSideBySideWithTheRecordsOtherOpenConflicts() {
        EntityKey lead = Conflicts.newLead();
        Conflicts.publishMismatches(kafka,
                Conflicts.manual(lead, "Phone", "0", "1", "2", Instant.now()),
                Conflicts.manual(lead, "Email", "a@x.de", "b@x.de", "c@x.de", Instant.now()),
                Conflicts.decided(lead, "Website", "x", "y", "z", ConflictPolicy.LOCAL_WINS, Side.NIA, "local_wins"));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 3);
        SyncConflict phone = Conflicts.one(repository, lead, "Phone");

        given().auth().oauth2(TestTokens.viewer())
                .when().get(CONFLICTS + phone.id)
                .then().statusCode(200)
                .body("id", equalTo(phone.id.toString()))
                .body("base_value", equalTo("0")).body("nia_value", equalTo("1")).body("creatio_value", equalTo("2"))
                .body("values_hidden", equalTo(false))
                .body("other_open_conflicts.field", contains("Email"));
        given().auth().oauth2(TestTokens.viewer()).when().get(CONFLICTS + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void showsALookupFieldsValuesAsIdsWithTheirNamesInTheListAndTheDetail() {
        EntityKey lead = Conflicts.newLead();
        String qualification = "d790a45d-03ff-4ddb-9dea-8087722c582c";
        String handoff = "ceb70b3c-985f-4867-ae7c-88f9dd710688";
        String custom = "5f0c1a4e-7d2b-4c55-9a11-0e7b3c9d2f61";
        Map<String, String> names = new HashMap<>();
        names.put(qualification, "Qualification");
        names.put(handoff, "Handoff to sales");
        names.put(custom, null);
        Conflicts.publishMismatches(kafka,
                Conflicts.manual(lead, "QualifyStatusId", qualification, handoff, custom, Instant.now()).withValueNames(names));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 1);
        SyncConflict stage = Conflicts.one(repository, lead, "QualifyStatusId");

        given().auth().oauth2(TestTokens.viewer())
                .when().get(CONFLICTS + stage.id)
                .then().statusCode(200)
                .body("base_value.id", equalTo(qualification)).body("base_value.name", equalTo("Qualification"))
                .body("nia_value.id", equalTo(handoff)).body("nia_value.name", equalTo("Handoff to sales"))
                .body("creatio_value.id", equalTo(custom)).body("creatio_value", hasKey("name"))
                .body("creatio_value.name", nullValue());
        given().auth().oauth2(TestTokens.viewer()).queryParam("entity_id", lead.localId()).queryParam("status", "pending")
                .when().get(CONFLICTS)
                .then().statusCode(200).body("items[0].nia_value.id", equalTo(handoff))
                .body("items[0].nia_value.name", equalTo("Handoff to sales"))
                .body("items[0].creatio_value.id", equalTo(custom));
    }

    @Test
    void hidesBudgetValuesFromAViewerInEveryConflictView() {
        EntityKey lead = Conflicts.newLead();
        Conflicts.publishMismatches(kafka, Conflicts.manual(lead, "Budget", new BigDecimal("91357.25"),
                new BigDecimal("91357.50"), new BigDecimal("91357.75"), Instant.now()));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 1);
        SyncConflict budget = Conflicts.one(repository, lead, "Budget");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("conflict_id", budget.id, "strategy", "manual_merge", "merged_value", 91358))
                .when().post("/api/v1/crm/sync/resolve-conflict").then().statusCode(202);

        String list = given().auth().oauth2(TestTokens.viewer()).queryParam("entity_id", lead.localId()).queryParam("status", "all")
                .when().get(CONFLICTS).then().statusCode(200)
                .body("items[0].field", equalTo("Budget"))
                .body("items[0].values_hidden", equalTo(true))
                .body("items[0].nia_value", nullValue())
                .extract().asString();
        String one = given().auth().oauth2(TestTokens.viewer()).when().get(CONFLICTS + budget.id)
                .then().statusCode(200).body("values_hidden", equalTo(true)).extract().asString();
        String audit = given().auth().oauth2(TestTokens.viewer()).when().get(CONFLICTS + budget.id + "/audit")
                .then().statusCode(200).body("action", hasItem("conflict.resolve"))
                .body("values_hidden", not(hasItem(false))).extract().asString();
        for (String view : new String[] {list, one, audit}) {
            assertThat(view).doesNotContain("91357").doesNotContain("91358");
        }

        given().auth().oauth2(TestTokens.operator()).when().get(CONFLICTS + budget.id)
                .then().statusCode(200)
                .body("values_hidden", equalTo(false))
                .body("nia_value", equalTo(91357.5f))
                .body("chosen_value", equalTo(91358));
    }
}
