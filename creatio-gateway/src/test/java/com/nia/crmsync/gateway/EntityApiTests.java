package com.nia.crmsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.testkit.InjectCreatioSimulator;
import com.nia.crmsync.testkit.TestCreatioSimulator;

/**
 * The workers' internal API over real HTTP against the simulator: CRUD with caller-supplied Ids,
 * many ids in few calls, changed-since paging, batches split into {@code $batch} calls of 100 with
 * per-item outcomes, lookups and {@code $metadata} served from cache within their TTL, column
 * validation, test-connection and the status.
 */
@QuarkusTest
@GatewayInfrastructure
class EntityApiTests extends GatewayTestBase {

    @InjectCreatioSimulator
    TestCreatioSimulator simulator;

    @Override
    TestCreatioSimulator simulator() {
        return simulator;
    }

    @Test
    void createsReadsPatchesOnlyTheGivenColumnsAndDeletesALead() {
        UUID id = UUID.randomUUID();
        worker(Lane.REALTIME).body(create(id, new JsonObject().put("LeadName", "Grace Hopper").put("Email", "grace@navy.example")))
                .when().post("/internal/v1/entities/leads")
                .then().statusCode(201).body("id", equalTo(id.toString())).body("created", equalTo(true)).body("verifiedByRead", equalTo(false));
        worker(Lane.REALTIME).body(new JsonObject().put("Email", "grace@cobol.example").encode())
                .when().patch("/internal/v1/entities/leads/" + id).then().statusCode(204);
        worker(Lane.REALTIME).when().get("/internal/v1/entities/Lead/" + id + "?select=LeadName,Email")
                .then().statusCode(200).body("LeadName", equalTo("Grace Hopper")).body("Email", equalTo("grace@cobol.example"));
        List<JsonObject> patches = sim.requests().stream().filter(r -> "PATCH".equals(r.getString("method"))).toList();
        assertThat(patches).hasSize(1);
        worker(Lane.REALTIME).when().delete("/internal/v1/entities/leads/" + id).then().statusCode(204);
        worker(Lane.REALTIME).when().get("/internal/v1/entities/leads/" + id)
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("CREATIO_NOT_FOUND"));
    }

    @Test
    void rejectsUnknownColumnsWithTheReasonBeforeCreatioSeesThem() {
        long before = sim.calls("odata");
        worker(Lane.REALTIME).body(create(UUID.randomUUID(), new JsonObject().put("LeadName", "x").put("Surname", "y").put("JobTitle", "z")))
                .when().post("/internal/v1/entities/leads")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST"))
                .body("detail", containsString("unknown columns of Lead (not in $metadata): [JobTitle, Surname]"));
        assertThat(sim.calls("odata")).isEqualTo(before);
    }

    @Test
    void mapsCreatiosEnvelopeToProblemJsonWithCreatiosStatus() {
        // Activity without its required columns: Creatio's 400 envelope
        worker(Lane.REALTIME).body(create(UUID.randomUUID(), new JsonObject().put("Title", "no dates")))
                .when().post("/internal/v1/entities/activities")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("CREATIO_REJECTED")).body("creatioStatus", equalTo(400));
    }

    @Test
    void readsManyIdsInFewCallsAndNamesTheMissingOnes() {
        List<UUID> ids = new ArrayList<>();
        JsonArray items = new JsonArray();
        for (int i = 0; i < 120; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            items.add(new JsonObject().put("op", "create").put("set", "contacts").put("id", id.toString())
                    .put("columns", new JsonObject().put("Name", "Contact " + i)));
        }
        worker(Lane.BULK).body(new JsonObject().put("items", items).encode()).when().post("/internal/v1/batch").then().statusCode(200)
                .body("failed", equalTo(0));
        UUID absent = UUID.randomUUID();
        List<String> wanted = new ArrayList<>(ids.stream().map(UUID::toString).toList());
        wanted.add(absent.toString());
        long before = sim.calls("odata");
        ValidatableResponse response = worker(Lane.BULK).body(new JsonObject().put("ids", new JsonArray(wanted)).put("select", new JsonArray().add("Name")).encode())
                .when().post("/internal/v1/entities/contacts/read").then().statusCode(200)
                .body("records", hasSize(120)).body("missing", hasSize(1)).body("missing[0]", equalTo(absent.toString()));
        int calls = response.extract().path("creatioCalls");
        assertThat(calls).isBetween(2, 12);
        assertThat(sim.calls("odata") - before).isEqualTo(calls);
        assertThat(sim.requests().stream().filter(r -> "GET".equals(r.getString("method")))
                .mapToInt(r -> r.getString("path").length() + String.valueOf(r.getValue("query", "")).length()).max().orElse(0)).isLessThanOrEqualTo(2000);
    }

    @Test
    void pagesChangesSinceByModifiedOnAndIdNeverAskingForMoreThan20000Rows() {
        simulator.send("POST", "/sim/seed", "{\"leads\":25,\"contacts\":0,\"accounts\":0,\"activities\":0,\"from\":\"2025-01-01T00:00:00Z\",\"spanDays\":10}");
        List<String> seen = new ArrayList<>();
        for (int skip = 0; ; skip += 10) {
            ValidatableResponse page = worker(Lane.BULK).when()
                    .get("/internal/v1/entities/leads/changes?since=2024-12-31T00:00:00Z&top=10&skip=" + skip + "&select=LeadName,ModifiedOn")
                    .then().statusCode(200);
            seen.addAll(page.extract().path("records.Id"));
            if (!page.extract().<Boolean>path("mayHaveMore")) {
                break;
            }
        }
        assertThat(seen).hasSize(25).doesNotHaveDuplicates();
        assertThat(sim.requests().stream().filter(r -> r.getString("path").endsWith("/Lead"))
                .map(r -> java.net.URLDecoder.decode(String.valueOf(r.getValue("query", "")), java.nio.charset.StandardCharsets.UTF_8)))
                .isNotEmpty().allSatisfy(q -> assertThat(q).contains("$orderby=ModifiedOn asc,Id asc").contains("$top=10"));
        worker(Lane.BULK).when().get("/internal/v1/entities/leads/changes?since=2024-12-31T00:00:00Z&top=20001")
                .then().statusCode(400).body("code", equalTo("INVALID_REQUEST"));
    }

    @Test
    void splits250WritesIntoThreeBatchCallsAndOneFailingItemFailsNoOther() {
        JsonArray items = new JsonArray();
        UUID failing = null;
        for (int i = 0; i < 250; i++) {
            UUID id = UUID.randomUUID();
            if (i == 137) {
                // fault rules match sub-requests by the key in their URL: an update has one
                failing = id;
                items.add(new JsonObject().put("op", "update").put("set", "accounts").put("id", id.toString())
                        .put("columns", new JsonObject().put("Name", "Account " + i)));
                continue;
            }
            items.add(new JsonObject().put("op", "create").put("set", "accounts").put("id", id.toString())
                    .put("columns", new JsonObject().put("Name", "Account " + i)));
        }
        sim.fault(new JsonObject().put("group", "odata").put("entitySet", "Account").put("ids", new JsonArray().add(failing.toString()))
                .put("action", "error").put("status", 503));
        long quotaBefore = quota.usedToday();
        worker(Lane.BULK).body(new JsonObject().put("items", items).encode()).when().post("/internal/v1/batch")
                .then().statusCode(200).body("succeeded", equalTo(249)).body("failed", equalTo(1))
                .body("outcomes[137].ok", equalTo(false)).body("outcomes[137].code", equalTo("CREATIO_UNAVAILABLE"))
                .body("outcomes[137].creatioStatus", equalTo(503)).body("outcomes[138].ok", equalTo(true));
        assertThat(sim.calls("batch")).isEqualTo(3);
        assertThat(sim.calls("batch-item")).isEqualTo(250);
        // every sub-request is one call of the daily quota
        assertThat(quota.usedToday() - quotaBefore).isGreaterThanOrEqualTo(250);
    }

    @Test
    void resolvesMeetingAndAppointmentToTheSameCategoryAndServesTheSecondAskFromCache() {
        String meeting = worker(Lane.REALTIME).when().get("/internal/v1/lookups/ActivityCategory?name=Meeting").then().statusCode(200)
                .extract().path("id");
        long lookupsBefore = sim.calls("odata");
        String appointment = worker(Lane.REALTIME).when().get("/internal/v1/lookups/ActivityCategory?name=Appointment").then().statusCode(200)
                .extract().path("id");
        assertThat(meeting).isEqualTo("42c74c49-58e6-df11-971b-001d60e938c6").isEqualTo(appointment);
        long afterAppointment = sim.calls("odata");
        worker(Lane.REALTIME).when().get("/internal/v1/lookups/ActivityCategory?name=meeting").then().statusCode(200)
                .body("id", equalTo(meeting));
        assertThat(sim.calls("odata")).isEqualTo(afterAppointment);
        assertThat(afterAppointment - lookupsBefore).isLessThanOrEqualTo(1);
        worker(Lane.REALTIME).when().get("/internal/v1/lookups/QualifyStatus?name=No such status").then().statusCode(404);
    }

    @Test
    void readsMetadataOnceWithinItsTtl() {
        worker(Lane.REALTIME).when().get("/internal/v1/metadata/leads").then().statusCode(200)
                .body("set", equalTo("Lead")).body("columns.QualifyStatusId", equalTo("Edm.Guid"));
        worker(Lane.REALTIME).when().get("/internal/v1/metadata/Contact").then().statusCode(200);
        worker(Lane.REALTIME).when().get("/internal/v1/metadata").then().statusCode(200);
        assertThat(sim.calls("metadata")).isEqualTo(1);
    }

    @Test
    void testsTheConnectionWithTimingsAndShowsAReadOnlyStatusWithoutSecrets() {
        worker(Lane.REALTIME).when().post("/internal/v1/test-connection").then().statusCode(200)
                .body("ok", equalTo(true)).body("authenticated", equalTo(true));
        String status = worker(Lane.REALTIME).when().get("/internal/v1/status").then().statusCode(200)
                .body("creatio.lastAuth.ok", equalTo(true)).body("creatio.breakers.'creatio-query'", equalTo("closed"))
                .body("creatio.quota.dailyQuota", equalTo(10000))
                .extract().asString();
        assertThat(status).doesNotContain(sim.secret());
        sim.issuedTokens().forEach(token -> assertThat(status).doesNotContain(token));
    }

    private static String create(UUID id, JsonObject columns) {
        return new JsonObject().put("id", id.toString()).put("columns", columns).encode();
    }
}
