package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 8's acceptance over the whole system: a collision found by the worker becomes a conflict in
 * conflict-service (through Kafka), a person decides through the public base URL (the front router),
 * the decision travels as a resolve command to the worker, both sides end with the chosen value, the
 * result closes the conflict and the record's open field, and the audit trail says who, how and what.
 */
class ConflictSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    private final String router = sync.stack.service(ServiceKind.FRONT_ROUTER).baseUrl();

    private Map<String, Object> lead(String last, int budget) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", "Conflict");
        f.put("last_name", last);
        f.put("email", ("conflict." + last + "." + marker + "@nia.example").toLowerCase(java.util.Locale.ROOT));
        f.put("company", "Conflicts " + marker);
        f.put("title", "Buyer");
        f.put("status", "qualified");
        f.put("budget", budget);
        return f;
    }

    /** A synced lead whose budget (policy manual) was then changed on both sides; its id. */
    private UUID budgetCollision(String last, int base, int inCreatio, int inNia) {
        UUID id = sync.createLead(lead(last, base));
        sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
        sync.userEdits("Lead", SyncPath.creatioIdOf(EntityType.LEAD, id), Map.of("Budget", inCreatio));
        sync.editLead(id, Map.of("budget", inNia));
        return id;
    }

    private List<Map<String, Object>> conflicts(UUID localId, String status) {
        return given().baseUri(router).auth().oauth2(TestTokens.operator()).queryParam("entity_id", localId)
                .queryParam("status", status).when().get("/api/v1/crm/conflicts/").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    private Map<String, Object> awaitConflict(UUID localId, String status) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> !conflicts(localId, status).isEmpty());
        return conflicts(localId, status).get(0);
    }

    private JsonPath conflict(String id, String token) {
        return given().baseUri(router).auth().oauth2(token).when().get("/api/v1/crm/conflicts/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    private void awaitStatus(String conflictId, String status) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> status.equals(conflict(conflictId, TestTokens.operator()).getString("status")));
    }

    private io.restassured.response.Response resolve(String conflictId, String strategy, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>(extra);
        body.put("conflict_id", conflictId);
        body.put("strategy", strategy);
        return given().baseUri(router).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Json.write(body))
                .when().post("/api/v1/crm/sync/resolve-conflict/");
    }

    private static BigDecimal number(Object value) {
        return value == null ? null : new BigDecimal(String.valueOf(value)).stripTrailingZeros();
    }

    @Test
    void aManualCollisionIsOnePendingConflictWithItsThreeValuesAndARedeliveredMismatchAddsNoRow() throws Exception {
        UUID id = budgetCollision("Pending", 10000, 20000, 30000);

        Map<String, Object> c = awaitConflict(id, "pending");
        assertThat(c).containsEntry("conflict_type", "field_mismatch").containsEntry("field", "Budget").containsEntry("policy", "manual");
        assertThat(number(c.get("base_value"))).isEqualTo(number(10000));
        assertThat(number(c.get("creatio_value"))).isEqualTo(number(20000));
        assertThat(number(c.get("nia_value"))).isEqualTo(number(30000));
        assertThat(sync.syncState(EntityType.LEAD, id).orElseThrow().getList("open_fields")).contains("Budget");

        // Kafka delivers the mismatch again: conflict-service takes it once
        List<ConsumerRecord<String, String>> mismatches = kafka.readUntil(Topics.MISMATCHES,
                rs -> rs.stream().anyMatch(r -> r.value().contains(id.toString())), WITHIN);
        ConsumerRecord<String, String> original = mismatches.stream().filter(r -> r.value().contains(id.toString())).findFirst()
                .orElseThrow();
        kafka.send(Topics.MISMATCHES, original.key(), original.value());
        awaitConsumed("conflict-service", Topics.MISMATCHES);
        List<Map<String, Object>> all = given().baseUri(router).auth().oauth2(TestTokens.operator()).queryParam("entity_id", id)
                .queryParam("status", "all").when().get("/api/v1/crm/conflicts/").then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(all).as("one conflict for the record, however often it was delivered").hasSize(1);
    }

    /** Waits until the group has committed every record the topic holds now. */
    private void awaitConsumed(String group, String topic) throws Exception {
        var admin = kafka.admin();
        var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0 || (committed.get(e.getKey()) != null
                    && committed.get(e.getKey()).offset() >= e.getValue().offset()));
        });
    }

    @Test
    void localWinsCreatioWinsAndAManualMergeEachEndWithBothSidesHoldingTheChosenValueAndAnAuditEntry() {
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("local_wins", new Object[] {budgetCollision("LocalWins", 1000, 2000, 3000), 3000});
        cases.put("creatio_wins", new Object[] {budgetCollision("CreatioWins", 1000, 2000, 3000), 2000});
        cases.put("manual_merge", new Object[] {budgetCollision("Merge", 1000, 2000, 3000), 2500});
        Map<String, String> conflictIds = new LinkedHashMap<>();
        for (Map.Entry<String, Object[]> e : cases.entrySet()) {
            UUID id = (UUID) e.getValue()[0];
            String conflictId = String.valueOf(awaitConflict(id, "pending").get("id"));
            conflictIds.put(e.getKey(), conflictId);
            Map<String, Object> extra = "manual_merge".equals(e.getKey()) ? Map.of("merged_value", 2500, "comment", "split the difference")
                    : Map.of();
            resolve(conflictId, e.getKey(), extra).then().statusCode(202).extract().path("status");
        }
        for (Map.Entry<String, Object[]> e : cases.entrySet()) {
            UUID id = (UUID) e.getValue()[0];
            BigDecimal chosen = number(e.getValue()[1]);
            String conflictId = conflictIds.get(e.getKey());
            awaitStatus(conflictId, "resolved");
            await().atMost(WITHIN).until(() -> chosen.equals(number(sync.lead(id).get("budget"))));
            assertThat(number(sync.creatio("Lead", SyncPath.creatioIdOf(EntityType.LEAD, id)).orElseThrow().get("Budget")))
                    .as(e.getKey() + ": Creatio holds the chosen value").isEqualTo(chosen);
            JsonPath state = sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
            assertThat(state.getList("open_fields")).doesNotContain("Budget");
            List<Map<String, Object>> audit = given().baseUri(router).auth().oauth2(TestTokens.operator()).when()
                    .get("/api/v1/crm/conflicts/" + conflictId + "/audit").then().statusCode(200).extract().jsonPath().getList("$");
            String trail = Json.write(audit);
            assertThat(trail).as(e.getKey() + " audit").contains("otto.operator").contains(e.getKey())
                    .contains(chosen.toPlainString());
        }
    }

    @Test
    void aFieldUnderNewestWinsIsDecidedWithoutAPersonAndShownAsAutoResolvedWithTheReason() {
        UUID id = sync.createLead(lead("Newest", 500));
        sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
        sync.userEdits("Lead", SyncPath.creatioIdOf(EntityType.LEAD, id), Map.of("FullJobTitle", "Creatio Title"));
        sync.editLead(id, Map.of("title", "NIA Title"));

        Map<String, Object> c = awaitConflict(id, "auto_resolved");
        assertThat(c).containsEntry("field", "FullJobTitle").containsEntry("policy", "newest_wins");
        assertThat(String.valueOf(c.get("reason"))).isNotBlank().isNotEqualTo("null");
        assertThat(conflicts(id, "pending")).as("nobody has to decide").isEmpty();
    }

    @Test
    void bulkResolvingFiftyConflictsReportsFiftyOutcomesAndA409ForTheOneResolvedMeanwhile() {
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            leads.add(budgetCollision("Bulk" + i, 100, 200, 300 + i));
        }
        List<String> ids = new ArrayList<>();
        for (UUID id : leads) {
            ids.add(String.valueOf(awaitConflict(id, "pending").get("id")));
        }
        resolve(ids.get(7), "creatio_wins", Map.of()).then().statusCode(202);

        JsonPath report = given().baseUri(router).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Json.write(Map.of("ids", ids, "strategy", "local_wins"))).when().post("/api/v1/crm/conflicts/bulk-resolve")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> outcomes = report.getList("outcomes");
        assertThat(outcomes).hasSize(50);
        assertThat(outcomes.stream().filter(o -> ids.get(7).equals(String.valueOf(o.get("id")))).findFirst().orElseThrow())
                .containsEntry("status", 409);
        assertThat(outcomes.stream().filter(o -> !ids.get(7).equals(String.valueOf(o.get("id"))))
                .allMatch(o -> Integer.valueOf(202).equals(o.get("status")) || Integer.valueOf(200).equals(o.get("status"))))
                .as("the other 49 accepted: %s", outcomes).isTrue();
        for (int i = 0; i < 50; i += 10) {
            awaitStatus(ids.get(i), "resolved");
        }
    }

    @Test
    void aResolutionAppliedWhileCreatioIsDownEndsFailedAndSucceedsWhenRetriedAfterCreatioIsBack() {
        UUID id = budgetCollision("Down", 100, 200, 300);
        String conflictId = String.valueOf(awaitConflict(id, "pending").get("id"));
        sync.fault(Map.of("group", "odata", "entitySet", "Lead", "ids", List.of(SyncPath.creatioIdOf(EntityType.LEAD, id).toString()),
                "action", "error", "status", 503));
        try {
            resolve(conflictId, "local_wins", Map.of()).then().statusCode(202);
            awaitStatus(conflictId, "failed");
            assertThat(conflict(conflictId, TestTokens.operator()).getString("last_error")).isNotBlank();
        } finally {
            sync.clearFaults();
        }
        given().baseUri(router).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/crm/conflicts/" + conflictId + "/retry").then().statusCode(202);
        awaitStatus(conflictId, "resolved");
        assertThat(number(sync.creatio("Lead", SyncPath.creatioIdOf(EntityType.LEAD, id)).orElseThrow().get("Budget")))
                .isEqualTo(number(300));
    }

    @Test
    void anonymousCallersGet401ViewersGet403OnResolvingAndAViewerSeesNoBudgetValue() {
        UUID id = budgetCollision("Viewer", 100, 200, 300);
        String conflictId = String.valueOf(awaitConflict(id, "pending").get("id"));
        String body = Json.write(Map.of("conflict_id", conflictId, "strategy", "local_wins"));
        given().baseUri(router).contentType(ContentType.JSON).body(body).when().post("/api/v1/crm/sync/resolve-conflict/")
                .then().statusCode(401);
        given().baseUri(router).auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/crm/sync/resolve-conflict/").then().statusCode(403);
        given().baseUri(router).auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON)
                .body(Json.write(Map.of("ids", List.of(conflictId), "strategy", "local_wins")))
                .when().post("/api/v1/crm/conflicts/bulk-resolve").then().statusCode(403);
        given().baseUri(router).auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/crm/conflicts/" + conflictId + "/dismiss").then().statusCode(403);

        JsonPath seen = conflict(conflictId, TestTokens.viewer());
        assertThat(seen.getString("status")).isEqualTo("pending");
        assertThat(seen.getBoolean("values_hidden")).isTrue();
        assertThat((Object) seen.get("nia_value")).isNull();
        assertThat((Object) seen.get("creatio_value")).isNull();
        assertThat((Object) seen.get("base_value")).isNull();
        assertThat(number(conflict(conflictId, TestTokens.operator()).get("nia_value"))).as("an operator sees it").isEqualTo(number(300));
    }

    @Test
    void anUpdateVsDeleteGoesFromMismatchToRestoredOnBothSides() {
        UUID id = sync.createLead(lead("Gone", 100));
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, id);
        sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
        given().baseUri(sync.simulator).when().delete("/sim/act/Lead/" + creatioId).then().statusCode(204);
        sync.editLead(id, Map.of("title", "Still Buying"));

        String conflictId = String.valueOf(awaitConflict(id, "pending").get("id"));
        assertThat(conflict(conflictId, TestTokens.operator()).getString("conflict_type")).isEqualTo("update_vs_delete");
        resolve(conflictId, "restore_in_creatio", Map.of()).then().statusCode(202);

        awaitStatus(conflictId, "resolved");
        assertThat(sync.awaitCreatio("Lead", creatioId, WITHIN)).containsEntry("FullJobTitle", "Still Buying");
        sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
    }

    @Test
    void aDuplicateMatchGoesFromMismatchToLinkedToTheChosenRecord() {
        String email = "twins." + marker + "@nia.example";
        sync.userCreates("Contact", Map.of("Name", "Twin One", "Email", email));
        UUID chosen = sync.userCreates("Contact", Map.of("Name", "Twin Two", "Email", email));
        UUID id = sync.createContact(Map.of("full_name", "Twin Two", "email", email, "job_title", "Twin"));

        String conflictId = String.valueOf(awaitConflict(id, "pending").get("id"));
        assertThat(conflict(conflictId, TestTokens.operator()).getString("conflict_type")).isEqualTo("duplicate_match");
        resolve(conflictId, "pick_creatio_record", Map.of("creatio_id", chosen.toString())).then().statusCode(202);

        awaitStatus(conflictId, "resolved");
        JsonPath state = sync.awaitStatus(EntityType.CONTACT, id, "synced", WITHIN);
        assertThat(state.getString("creatio_id")).isEqualTo(chosen.toString());
        await().atMost(WITHIN).until(() -> "Twin".equals(sync.creatio("Contact", chosen).orElseThrow().get("JobTitle")));
        assertThat(sync.find("Contact", "Email", email)).as("linked, not created a third time").hasSize(2);
    }

    @Test
    void aValidationFailureGoesFromMismatchToTheCorrectedValueOnBothSides() {
        Map<String, Object> nameless = lead("Nameless", 100);
        nameless.remove("first_name");
        nameless.remove("last_name");
        UUID id = sync.createLead(nameless);

        String conflictId = String.valueOf(awaitConflict(id, "pending").get("id"));
        JsonPath c = conflict(conflictId, TestTokens.operator());
        assertThat(c.getString("conflict_type")).isEqualTo("validation_failed");
        assertThat(c.getString("field")).isEqualTo("Contact");
        resolve(conflictId, "corrected_value", Map.of("value", "Ada Lovelace")).then().statusCode(202);

        awaitStatus(conflictId, "resolved");
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, id);
        assertThat(sync.awaitCreatio("Lead", creatioId, WITHIN)).containsEntry("Contact", "Ada Lovelace");
        await().atMost(WITHIN).until(() -> "Lovelace".equals(sync.lead(id).getString("last_name")));
        assertThat(sync.lead(id).getString("first_name")).isEqualTo("Ada");
    }
}
