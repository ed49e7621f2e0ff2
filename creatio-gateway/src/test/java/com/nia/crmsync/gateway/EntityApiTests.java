package com.nia.crmsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * many ids in few calls, finds by a column's values (case-insensitive emails, lookup GUIDs) in few
 * calls, changed-since paging, batches split into {@code $batch} calls of 100 with
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
    void namesLookupIdsInOneQueryPerSetThenFromTheCache() {
        String qualification = "d790a45d-03ff-4ddb-9dea-8087722c582c";
        String distribution = "14cfc644-e3ed-497e-8279-ed4319bb8093";
        String nowhere = UUID.randomUUID().toString();
        String body = new JsonObject().put("ids", new JsonObject()
                .put("QualifyStatus", new JsonArray().add(qualification).add(distribution).add(nowhere)
                        .add("00000000-0000-0000-0000-000000000000"))).encode();
        worker(Lane.REALTIME).body(body).when().post("/internal/v1/lookups/names").then().statusCode(200)
                .body("names.QualifyStatus.'" + qualification + "'", equalTo("Qualification"))
                .body("names.QualifyStatus.'" + distribution + "'", equalTo("Distribution"))
                .body("names.QualifyStatus", hasKey(nowhere))
                .body("names.QualifyStatus.'" + nowhere + "'", nullValue());
        long before = sim.calls("odata");
        worker(Lane.REALTIME).body(body).when().post("/internal/v1/lookups/names").then().statusCode(200)
                .body("names.QualifyStatus.'" + distribution + "'", equalTo("Distribution"));
        assertThat(sim.calls("odata")).isEqualTo(before);
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
    void exposesTheTextColumnSizesOfMetadataFromTheSameCachedRead() {
        worker(Lane.REALTIME).when().get("/internal/v1/metadata/Contact").then().statusCode(200)
                .body("maxLengths.Email", equalTo(250)).body("maxLengths.Zip", equalTo(50))
                .body("maxLengths", not(hasKey("Notes"))).body("maxLengths", not(hasKey("OwnerId")));
        worker(Lane.REALTIME).when().get("/internal/v1/metadata/Activity").then().statusCode(200)
                .body("maxLengths.Title", equalTo(500));
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

    @Test
    void findsRecordsByEmailIgnoringCaseAndSurroundingSpacesGroupedByTheValuesAsSentInFewerCallsThanValues() {
        JsonArray items = new JsonArray();
        Map<String, String> idByStoredEmail = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            idByStoredEmail.put((i % 2 == 0 ? "Person" : "person") + i + "@Find.Example", UUID.randomUUID().toString());
        }
        idByStoredEmail.put("shared@find.example", UUID.randomUUID().toString());
        idByStoredEmail.put("SHARED@Find.example", UUID.randomUUID().toString());
        idByStoredEmail.put("o'brien@find.example", UUID.randomUUID().toString());
        idByStoredEmail.forEach((email, id) -> items.add(new JsonObject().put("op", "create").put("set", "contacts").put("id", id)
                .put("columns", new JsonObject().put("Name", "Contact " + email).put("Email", email))));
        worker(Lane.BULK).body(new JsonObject().put("items", items).encode()).when().post("/internal/v1/batch").then().statusCode(200)
                .body("failed", equalTo(0));
        // 100 matching one record each (upper-cased, padded or lower-cased), one matching two, one with a quote, 47 matching none, one blank
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String email = "person" + i + "@find.example";
            values.add(i % 3 == 0 ? email.toUpperCase(java.util.Locale.ROOT) : i % 3 == 1 ? "  " + email + " " : email);
        }
        values.add("Shared@Find.Example");
        values.add("O'Brien@find.example");
        for (int i = 0; i < 47; i++) {
            values.add("nobody" + i + "@find.example");
        }
        values.add("  ");
        assertThat(values).hasSize(150);

        long odataBefore = sim.calls("odata");
        long quotaBefore = quota.usedToday();
        ValidatableResponse response = worker(Lane.BULK)
                .body(new JsonObject().put("column", "Email").put("values", new JsonArray(values)).put("select", new JsonArray().add("Name")).encode())
                .when().post("/internal/v1/entities/contacts/find").then().statusCode(200);
        Map<String, List<Map<String, Object>>> matches = response.extract().path("matches");
        int calls = response.extract().path("creatioCalls");
        System.out.println("find of 150 emails: creatioCalls=" + calls);

        assertThat(matches.keySet()).containsExactlyElementsOf(values);
        for (int i = 0; i < 100; i++) {
            String stored = (i % 2 == 0 ? "Person" : "person") + i + "@Find.Example";
            assertThat(matches.get(values.get(i))).as(values.get(i)).singleElement()
                    .satisfies(r -> assertThat(r).containsEntry("Id", idByStoredEmail.get(stored)).containsEntry("Email", stored)
                            .containsKey("Name"));
        }
        assertThat(matches.get("Shared@Find.Example")).extracting(r -> r.get("Id"))
                .containsExactlyInAnyOrder(idByStoredEmail.get("shared@find.example"), idByStoredEmail.get("SHARED@Find.example"));
        assertThat(matches.get("O'Brien@find.example")).extracting(r -> r.get("Id")).containsExactly(idByStoredEmail.get("o'brien@find.example"));
        values.subList(102, 150).forEach(v -> assertThat(matches.get(v)).as(v).isEmpty());

        assertThat(calls).isBetween(2, 149);
        assertThat(sim.calls("odata") - odataBefore).isEqualTo(calls);
        assertThat(quota.usedToday() - quotaBefore).as("every OData call is one unit of the daily quota").isEqualTo(calls);
        List<String> queries = sim.requests().stream().filter(r -> "GET".equals(r.getString("method")) && r.getString("path").endsWith("/Contact"))
                .map(r -> URLDecoder.decode(String.valueOf(r.getValue("query", "")), StandardCharsets.UTF_8)).toList();
        assertThat(queries).hasSize(calls).allSatisfy(q -> assertThat(q).contains("$select=Id,Email,Name").containsPattern(
                "\\$filter=Email eq '[^']*('')?[^']*'( or Email eq '[^']*('')?[^']*')*&"));
        assertThat(String.join("\n", queries)).contains("Email eq 'O''Brien@find.example'").contains("Email eq 'PERSON0@FIND.EXAMPLE'")
                .contains("Email eq 'person1@find.example'");
        assertThat(sim.requests().stream().filter(r -> "GET".equals(r.getString("method")))
                .mapToInt(r -> r.getString("path").length() + String.valueOf(r.getValue("query", "")).length()).max().orElse(0)).isLessThanOrEqualTo(2000);
    }

    @Test
    void findsByALookupColumnComparingGuidsThroughItsNavigationPath() {
        UUID account = UUID.randomUUID();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        JsonArray items = new JsonArray().add(new JsonObject().put("op", "create").put("set", "accounts").put("id", account.toString())
                .put("columns", new JsonObject().put("Name", "Acme")));
        for (UUID contact : List.of(first, second)) {
            items.add(new JsonObject().put("op", "create").put("set", "contacts").put("id", contact.toString())
                    .put("columns", new JsonObject().put("Name", "Employee " + contact).put("AccountId", account.toString())));
        }
        worker(Lane.BULK).body(new JsonObject().put("items", items).encode()).when().post("/internal/v1/batch").then().statusCode(200)
                .body("failed", equalTo(0));
        String asked = account.toString().toUpperCase(java.util.Locale.ROOT);
        String unknown = UUID.randomUUID().toString();
        ValidatableResponse response = worker(Lane.REALTIME)
                .body(new JsonObject().put("column", "AccountId").put("values", new JsonArray().add(asked).add(unknown)).encode())
                .when().post("/internal/v1/entities/Contact/find").then().statusCode(200).body("creatioCalls", equalTo(1));
        Map<String, List<Map<String, Object>>> matches = response.extract().path("matches");
        assertThat(matches.get(asked)).extracting(r -> r.get("Id")).containsExactlyInAnyOrder(first.toString(), second.toString());
        assertThat(matches.get(unknown)).isEmpty();
        // Creatio answers 500 to a filter on the scalar lookup column; its navigation path is the accepted form
        assertThat(sim.requests().stream().filter(r -> r.getString("path").endsWith("/Contact"))
                .map(r -> URLDecoder.decode(String.valueOf(r.getValue("query", "")), StandardCharsets.UTF_8)))
                .singleElement().asString().contains("$filter=Account/Id eq " + account + " or Account/Id eq " + unknown);
    }

    @Test
    void refusesAFindOnAnUnknownColumnNamingItAndBadValueListsBeforeCreatioSeesThem() {
        worker(Lane.BULK).when().get("/internal/v1/metadata/Contact").then().statusCode(200);
        long before = sim.calls("odata");
        worker(Lane.BULK).body(new JsonObject().put("column", "EMail2").put("values", new JsonArray().add("a@x.com")).encode())
                .when().post("/internal/v1/entities/contacts/find")
                .then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("INVALID_REQUEST")).body("detail", containsString("EMail2"));
        worker(Lane.BULK).body(new JsonObject().put("column", "Email").put("values", new JsonArray()).encode())
                .when().post("/internal/v1/entities/contacts/find")
                .then().statusCode(400).contentType("application/problem+json").body("code", equalTo("INVALID_REQUEST"));
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i <= 1000; i++) {
            tooMany.add("v" + i + "@x.com");
        }
        worker(Lane.BULK).body(new JsonObject().put("column", "Email").put("values", tooMany).encode())
                .when().post("/internal/v1/entities/contacts/find")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("1001"));
        worker(Lane.BULK).body(new JsonObject().put("column", "Id").put("values", new JsonArray().add("not-a-guid")).encode())
                .when().post("/internal/v1/entities/contacts/find")
                .then().statusCode(400).contentType("application/problem+json").body("detail", containsString("not-a-guid"));
        assertThat(sim.calls("odata")).isEqualTo(before);
    }

    private static String create(UUID id, JsonObject columns) {
        return new JsonObject().put("id", id.toString()).put("columns", columns).encode();
    }
}
