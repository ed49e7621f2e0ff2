package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 7's acceptance for deletes, over the whole system: leads deleted by a Creatio user (the
 * simulator) are found by one id-reconciliation cycle and handled by the configured delete mode;
 * more than the breaker's threshold wait for an admin, who approves (propagated to NIA) or rejects
 * (restored in Creatio with its former id); one that reappears in Creatio leaves the list; an NIA
 * edit of a lead deleted in Creatio is one update_vs_delete mismatch, resolved by a restore; and NIA
 * soft deletes past the threshold wait for an admin too (direction to_creatio), who approves (the
 * lead is deactivated in Creatio) or rejects (the lead is back in NIA, Creatio untouched).
 */
class DeletionSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    private Map<String, Object> savedLeadMapping;
    private Map<String, Object> savedSafety;

    @AfterEach
    void configurationBack() {
        if (savedLeadMapping != null) {
            sync.changeConfiguration(c -> {
                c.put("delete_safety", savedSafety);
                leadMapping(c).put("delete_mode", savedLeadMapping.get("delete_mode"));
            });
            savedLeadMapping = null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> leadMapping(Map<String, Object> configuration) {
        return ((List<Map<String, Object>>) configuration.get("entities")).stream()
                .filter(e -> "lead".equals(e.get("entity_type"))).findFirst().orElseThrow();
    }

    private Map<String, Object> lead(int i) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", "Del" + i);
        f.put("last_name", "Etion");
        f.put("email", ("del" + i + "." + marker + "@nia.example"));
        f.put("company", "Tombstones " + marker);
        f.put("title", "Buyer");
        f.put("status", "qualified");
        return f;
    }

    // ---- Creatio users and the reconciliation

    /** A Creatio user deletes a record. */
    private void userDeletes(String set, UUID id) {
        given().baseUri(sync.simulator).when().delete("/sim/act/" + set + "/" + id).then().statusCode(204);
    }

    /** A Creatio user creates a record with a given id (e.g. from the recycle bin). */
    private void userRecreates(String set, UUID id, Map<String, Object> columns) {
        Map<String, Object> body = new LinkedHashMap<>(columns);
        body.put("Id", id.toString());
        given().baseUri(sync.simulator).contentType(ContentType.JSON).body(Json.write(body)).when().post("/sim/act/" + set)
                .then().statusCode(201);
    }

    private Map<String, Object> reconcileState() {
        List<Map<String, Object>> states = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when()
                .get("/api/v1/crm/sync/reconcile/").then().statusCode(200).extract().jsonPath().getList("$");
        return states.stream().filter(s -> "lead".equals(s.get("entity_type"))).findFirst().orElse(Map.of());
    }

    /** Starts one reconciliation cycle of leads now (after any running one) and waits until it is over. */
    private void reconcileCycle() {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> !List.of("listing", "checking").contains(String.valueOf(reconcileState().get("phase"))));
        String cycle = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"entity_type\":\"lead\"}").when().post("/api/v1/crm/sync/reconcile/")
                .then().statusCode(202).extract().path("cycles.lead");
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> cycle.equals(reconcileState().get("last_cycle_id")));
    }

    private JsonPath deletions(String status) {
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).queryParam("status", status)
                .queryParam("entity_type", "lead").queryParam("size", 500).when().get("/api/v1/crm/sync/deletions")
                .then().statusCode(200).extract().jsonPath();
    }

    /** The deletion of one lead in a list. */
    private static Map<String, Object> of(JsonPath list, UUID localId) {
        List<Map<String, Object>> items = list.getList("items");
        return items.stream().filter(i -> localId.toString().equals(i.get("local_id"))).findFirst().orElse(null);
    }

    private boolean deletedInNia(UUID id) {
        return sync.lead(id).getBoolean("deleted");
    }

    @Test
    void threeLeadsDeletedInCreatioAreFoundByOneCycleAndMoreThanTheThresholdWaitForAnAdminWhoApprovesOrRejects() {
        // whatever earlier tests left held is decided first, so this test's counts are its own
        reconcileCycle();
        List<String> stray = deletions("pending").getList("items.id");
        if (!stray.isEmpty()) {
            given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                    .body(Json.write(Map.of("ids", stray))).when().post("/api/v1/crm/sync/deletions/approve").then().statusCode(200);
        }
        int inWindow = deletions("pending").getInt("breaker.find { it.entity_type == 'lead' }.in_window");
        sync.changeConfiguration(c -> {
            savedSafety = new LinkedHashMap<>(castMap(c.get("delete_safety")));
            savedLeadMapping = new LinkedHashMap<>(leadMapping(c));
            c.put("delete_safety", Map.of("max_deletions", inWindow + 3, "max_share", 1, "window_seconds", 3600));
            leadMapping(c).put("delete_mode", "delete");
        });
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            leads.add(sync.createLead(lead(i)));
        }
        for (UUID id : leads) {
            sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
        }
        UUID[] creatio = leads.stream().map(id -> SyncPath.creatioIdOf(EntityType.LEAD, id)).toArray(UUID[]::new);

        // three deletions: within the threshold, propagated by the delete mode (NIA soft delete) in one cycle
        for (int i = 0; i < 3; i++) {
            userDeletes("Lead", creatio[i]);
        }
        reconcileCycle();
        JsonPath applied = deletions("applied");
        for (int i = 0; i < 3; i++) {
            assertThat(deletedInNia(leads.get(i))).as("lead %d deleted in NIA", i).isTrue();
            Map<String, Object> d = of(applied, leads.get(i));
            assertThat(d).as("lead %d's deletion", i).isNotNull().containsEntry("held", false).containsEntry("delete_mode", "delete");
            assertThat(castMap(d.get("nia_values"))).as("the tombstone keeps the last values").containsEntry("title", "Buyer");
        }
        assertThat(deletedInNia(leads.get(3))).isFalse();

        // four more in the same window: past the threshold, held for an admin, nothing propagated
        for (int i = 3; i < 7; i++) {
            userDeletes("Lead", creatio[i]);
        }
        reconcileCycle();
        JsonPath pending = deletions("pending");
        assertThat(pending.getBoolean("breaker.find { it.entity_type == 'lead' }.paused")).isTrue();
        List<String> held = new ArrayList<>();
        for (int i = 3; i < 7; i++) {
            Map<String, Object> d = of(pending, leads.get(i));
            assertThat(d).as("lead %d awaits approval", i).isNotNull().containsEntry("held", true);
            assertThat(deletedInNia(leads.get(i))).isFalse();
            held.add(String.valueOf(d.get("id")));
        }

        // approving propagates
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).when()
                .post("/api/v1/crm/sync/deletions/" + held.get(0) + "/approve").then().statusCode(403);
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).when()
                .post("/api/v1/crm/sync/deletions/" + held.get(0) + "/approve").then().statusCode(200);
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Json.write(Map.of("ids", List.of(held.get(1))))).when().post("/api/v1/crm/sync/deletions/approve")
                .then().statusCode(200);
        assertThat(deletedInNia(leads.get(3))).isTrue();
        assertThat(deletedInNia(leads.get(4))).isTrue();

        // rejecting restores: the lead is back in Creatio, with its former id and the NIA values, and synced
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).when()
                .post("/api/v1/crm/sync/deletions/" + held.get(2) + "/reject").then().statusCode(200);
        Map<String, Object> back = sync.awaitCreatio("Lead", creatio[5], WITHIN);
        assertThat(back).containsEntry("Email", lead(5).get("email")).containsEntry("FullJobTitle", "Buyer");
        sync.awaitStatus(EntityType.LEAD, leads.get(5), "synced", WITHIN);
        assertThat(deletedInNia(leads.get(5))).isFalse();

        // a record that reappears in Creatio leaves the pending list
        userRecreates("Lead", creatio[6], Map.of("Contact", "Del6 Etion", "Email", lead(6).get("email")));
        reconcileCycle();
        assertThat(of(deletions("pending"), leads.get(6))).as("no longer pending").isNull();
        assertThat(of(deletions("reappeared"), leads.get(6))).isNotNull();
        assertThat(deletedInNia(leads.get(6))).isFalse();
        for (int i = 7; i < 10; i++) {
            assertThat(deletedInNia(leads.get(i))).isFalse();
        }
    }

    @Test
    void anNiaEditOfALeadDeletedInCreatioIsOneUpdateVsDeleteMismatchAndRestoringRecreatesItWithTheNiaValues() {
        UUID id = sync.createLead(lead(42));
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, id);
        sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);

        userDeletes("Lead", creatioId);
        sync.editLead(id, Map.of("title", "Chief Buyer"));

        JsonPath state = sync.awaitStatus(EntityType.LEAD, id, "conflict", WITHIN);
        assertThat(state.getList("open_fields")).containsExactly("Id");
        List<ConsumerRecord<String, String>> found = kafka.readUntil(Topics.MISMATCHES,
                rs -> rs.stream().anyMatch(r -> r.value().contains(id.toString())), WITHIN);
        List<Mismatch> mismatches = found.stream().filter(r -> r.value().contains(id.toString()))
                .map(r -> Json.readEnvelope(r.value(), Mismatch.class).payload()).toList();
        assertThat(mismatches).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(MismatchType.UPDATE_VS_DELETE);
            assertThat(m.leftOpen()).isTrue();
        });
        assertThat(sync.creatio("Lead", creatioId)).as("nothing written to Creatio").isEmpty();

        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).when()
                .post("/api/v1/crm/sync/records/lead/" + id + "/restore").then().statusCode(202);

        Map<String, Object> restored = sync.awaitCreatio("Lead", creatioId, WITHIN);
        assertThat(restored).containsEntry("FullJobTitle", "Chief Buyer").containsEntry("Email", lead(42).get("email"))
                .containsEntry("Contact", "Del42 Etion");
        JsonPath after = sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
        assertThat(after.getList("open_fields")).isEmpty();
        assertThat(after.getString("creatio_id")).isEqualTo(creatioId.toString());
    }

    @Test
    void niaDeletesPastTheThresholdWaitForAnAdminWhoApprovesOrRejectsAndNothingReachesCreatioBefore() {
        JsonPath before = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).queryParam("status", "pending")
                .queryParam("direction", "to_creatio").queryParam("size", 500).when().get("/api/v1/crm/sync/deletions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(before.getList("items")).as("no NIA deletion left held by an earlier test").isEmpty();
        int inWindow = before.getInt("breaker.find { it.entity_type == 'lead' && it.direction == 'to_creatio' }.in_window");
        String[] deactivated = new String[1];
        sync.changeConfiguration(c -> {
            savedSafety = new LinkedHashMap<>(castMap(c.get("delete_safety")));
            savedLeadMapping = new LinkedHashMap<>(leadMapping(c));
            // one more NIA deletion of a lead may go in the window; the next ones are held
            c.put("delete_safety", Map.of("max_deletions", inWindow + 1, "max_share", 1, "window_seconds", 3600));
            leadMapping(c).put("delete_mode", "deactivate");
            deactivated[0] = String.valueOf(leadMapping(c).get("deactivate_value"));
        });
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            leads.add(sync.createLead(lead(100 + i)));
        }
        for (UUID id : leads) {
            sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
        }
        Object qualified = sync.creatio("Lead", SyncPath.creatioIdOf(EntityType.LEAD, leads.get(0))).orElseThrow().get("QualifyStatusId");

        for (UUID id : leads) {
            given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).when().delete("/api/v1/leads/" + id)
                    .then().statusCode(204);
        }

        // the first is within the threshold: deactivated in Creatio (the lead's delete mode)
        UUID first = SyncPath.creatioIdOf(EntityType.LEAD, leads.get(0));
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> deactivated[0].equals(String.valueOf(sync.creatio("Lead", first).orElseThrow().get("QualifyStatusId"))));
        // the others wait for an admin, listed with their direction; nothing was planned for them
        JsonPath pending = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).queryParam("status", "pending")
                .queryParam("direction", "to_creatio").queryParam("size", 500).when().get("/api/v1/crm/sync/deletions")
                .then().statusCode(200).extract().jsonPath();
        assertThat(pending.getBoolean("breaker.find { it.entity_type == 'lead' && it.direction == 'to_creatio' }.paused")).isTrue();
        List<String> held = new ArrayList<>();
        for (UUID id : leads.subList(1, 4)) {
            Map<String, Object> d = of(pending, id);
            assertThat(d).as("the NIA deletion of %s awaits approval", id).isNotNull().containsEntry("direction", "to_creatio")
                    .containsEntry("held", true);
            assertThat(sync.syncState(EntityType.LEAD, id).orElseThrow().getString("status")).as("no command").isEqualTo("pending");
            assertThat(sync.creatio("Lead", SyncPath.creatioIdOf(EntityType.LEAD, id)).orElseThrow())
                    .as("untouched in Creatio").containsEntry("QualifyStatusId", qualified);
            held.add(String.valueOf(d.get("id")));
        }

        // approving sends the deletion: the lead is deactivated in Creatio
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).when()
                .post("/api/v1/crm/sync/deletions/" + held.get(0) + "/approve").then().statusCode(200);
        UUID approved = SyncPath.creatioIdOf(EntityType.LEAD, leads.get(1));
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(250))
                .until(() -> deactivated[0].equals(String.valueOf(sync.creatio("Lead", approved).orElseThrow().get("QualifyStatusId"))));
        sync.awaitStatus(EntityType.LEAD, leads.get(1), "synced", WITHIN);

        // rejecting takes the NIA soft delete back; Creatio still has the lead as it was
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Json.write(Map.of("ids", held.subList(1, 3)))).when().post("/api/v1/crm/sync/deletions/reject")
                .then().statusCode(200);
        for (UUID id : leads.subList(2, 4)) {
            assertThat(deletedInNia(id)).isFalse();
            sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
            assertThat(sync.creatio("Lead", SyncPath.creatioIdOf(EntityType.LEAD, id)).orElseThrow())
                    .containsEntry("QualifyStatusId", qualified).containsEntry("Email", lead(leads.indexOf(id) + 100).get("email"));
        }
        assertThat(of(deletions("rejected"), leads.get(2))).isNotNull().containsEntry("direction", "to_creatio");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }
}
