package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Dry runs: planning and the workers' planned answers leave the sync state as it was (no row made,
 * none changed, an in-flight command untouched), the run completes with its plan — per record the
 * action, field diffs with both values and the Creatio calls — and viewers see no budget in it.
 */
@QuarkusTest
@SyncApiInfrastructure
class DryRunResourceTests {

    @InjectKafka
    TestKafka kafka;

    @InjectPostgres
    TestPostgres postgres;

    @Inject
    SyncTestSupport support;

    @Test
    void aDryRunSyncAllWritesNoSyncStateAndItsRunReturnsThePlanWithDiffsAndPlannedCalls() throws Exception {
        List<UUID> fresh = insertLeads(2);
        // a lead whose real command is in flight (no worker answers it here)
        UUID tracked = support.newLead();
        List<UUID> mine = new ArrayList<>(fresh);
        mine.add(tracked);
        String before = syncState(mine);
        assertThat(before).contains(tracked.toString()).contains("in_progress");

        String runId = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"entity_types\":[\"lead\"],\"dry_run\":true}")
                .when().post("/api/v1/crm/sync/sync_all/").then().statusCode(202).extract().path("run_id");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/crm/sync/runs/" + runId).then().body("status", equalTo("running")));
        int total = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/crm/sync/runs/" + runId).then().extract().path("total");
        List<Envelope<Command>> commands = commandsOf(Topics.COMMANDS_BULK, runId, total);

        assertThat(commands).hasSize(total).allSatisfy(c -> assertThat(((SyncCommand) c.payload()).dryRun()).isTrue());
        assertThat(commands.stream().map(c -> c.payload().entity().localId()).collect(Collectors.toSet())).containsAll(mine);
        assertThat(syncState(mine)).isEqualTo(before);

        for (Envelope<Command> command : commands) {
            SyncCommand c = (SyncCommand) command.payload();
            List<FieldChange> changes = new ArrayList<>();
            c.niaSnapshot().forEach((column, value) -> {
                if (value != null) {
                    changes.add(new FieldChange(column, Side.CREATIO, null, value));
                }
            });
            SyncResult planned = SyncResult.answering(c, Outcome.PLANNED, "test-worker")
                    .action(c.entity().creatioId() == null ? Action.CREATE : Action.UPDATE).changes(changes).plannedCalls(1).build();
            kafka.send(Topics.RESULTS, command.aggregateId(), Json.write(Envelope.result(command, planned)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/crm/sync/runs/" + runId).then().body("status", equalTo("completed")).body("done", equalTo(total)));

        // the planned answers changed no sync state either: the in-flight command is still the one in flight
        assertThat(syncState(mine)).isEqualTo(before);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/crm/sync/runs/" + runId).then()
                .body("plan.lines", equalTo(total)).body("plan.planned_calls", equalTo(total))
                .body("plan.plan_url", equalTo("/api/v1/crm/sync/runs/" + runId + "/plan"));
        int creates = given().auth().oauth2(TestTokens.viewer()).get("/api/v1/crm/sync/runs/" + runId).then().extract()
                .path("plan.by_action.create");
        assertThat(creates).isGreaterThanOrEqualTo(3);

        Map<String, Object> line = planLine(runId, fresh.get(0), total, TestTokens.operator());
        assertThat(line).containsEntry("action", "create").containsEntry("outcome", "planned").containsEntry("planned_calls", 1);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> diffs = (Map<String, Map<String, Object>>) line.get("changes");
        assertThat(diffs.get("email")).containsEntry("column", "Email").doesNotContainKey("nia");
        @SuppressWarnings("unchecked")
        Map<String, Object> emailToCreatio = (Map<String, Object>) diffs.get("email").get("creatio");
        assertThat(emailToCreatio).containsEntry("to", "dry-" + fresh.get(0) + "@example.com");
        assertThat(emailToCreatio.get("from")).isNull();
        assertThat(diffs).containsKey("budget");

        Map<String, Object> seenByViewer = planLine(runId, fresh.get(0), total, TestTokens.viewer());
        @SuppressWarnings("unchecked")
        Map<String, Object> viewerDiffs = (Map<String, Object>) seenByViewer.get("changes");
        assertThat(viewerDiffs).containsKey("email").doesNotContainKey("budget");
        assertThat(Json.write(seenByViewer)).doesNotContain("Budget").doesNotContain("50000");

        given().auth().oauth2(TestTokens.viewer()).queryParam("page", 0).queryParam("size", 1)
                .get("/api/v1/crm/sync/runs/" + runId + "/plan").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("total", equalTo(total)).body("summary.lines", equalTo(total));
    }

    @Test
    void aDryRunSyncLeadPlansOneRealtimeCommandAndMakesNoSyncStateRow() throws Exception {
        UUID lead = insertLeads(1).get(0);

        String runId = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"lead_id\":\"" + lead + "\",\"direction\":\"both\",\"dry_run\":true}")
                .when().post("/api/v1/crm/sync/sync-lead/").then().statusCode(202).extract().path("run_id");
        Envelope<Command> command = commandsOf(Topics.COMMANDS_REALTIME, runId, 1).get(0);
        SyncCommand c = (SyncCommand) command.payload();

        assertThat(c.dryRun()).isTrue();
        assertThat(c.lane()).isEqualTo(Lane.REALTIME);
        assertThat(syncState(List.of(lead))).isEmpty();

        SyncResult planned = SyncResult.answering(c, Outcome.PLANNED, "test-worker").action(Action.NO_OP).plannedCalls(0).build();
        kafka.send(Topics.RESULTS, command.aggregateId(), Json.write(Envelope.result(command, planned)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/crm/sync/runs/" + runId).then().body("status", equalTo("completed"))
                .body("plan.by_action.no_op", equalTo(1)).body("plan.planned_calls", equalTo(0)));
        assertThat(syncState(List.of(lead))).isEmpty();
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/crm/sync/runs/" + runId + "/plan").then().statusCode(200)
                .body("items[0].local_id", equalTo(lead.toString())).body("items[0].changes", not(hasKey("budget")))
                .body("items[0].action", equalTo("no_op")).body("summary", notNullValue());
    }

    @Test
    void aRealRunHasNoPlan() {
        UUID lead = support.newLead();
        String runId = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"lead_id\":\"" + lead + "\"}")
                .when().post("/api/v1/crm/sync/sync-lead/").then().statusCode(202).extract().path("run_id");
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/crm/sync/runs/" + runId).then().statusCode(200)
                .body("$", not(hasKey("plan")));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/crm/sync/runs/" + runId + "/plan").then().statusCode(409)
                .contentType("application/problem+json");
    }

    private Map<String, Object> planLine(String runId, UUID localId, int total, String token) {
        List<Map<String, Object>> items = given().auth().oauth2(token).queryParam("size", Math.max(1, Math.min(total, 500)))
                .get("/api/v1/crm/sync/runs/" + runId + "/plan").then().statusCode(200).extract().path("items");
        return items.stream().filter(i -> localId.toString().equals(i.get("local_id"))).findFirst().orElseThrow();
    }

    private List<Envelope<Command>> commandsOf(String topic, String runId, int expected) {
        List<ConsumerRecord<String, String>> records = kafka.readUntil(topic,
                rs -> rs.stream().filter(r -> r.value().contains(runId)).count() >= expected, Duration.ofSeconds(60));
        return records.stream().filter(r -> r.value().contains(runId)).map(r -> Json.readEnvelope(r.value(), Command.class)).toList();
    }

    /** The sync state rows of these records as text ("" when there are none). */
    private String syncState(List<UUID> ids) throws Exception {
        try (Connection c = postgres.connect(); PreparedStatement st = c.prepareStatement(
                "SELECT coalesce(string_agg(row_to_json(s)::text, '|' ORDER BY local_id), '') FROM creatio_sync s WHERE local_id = ANY (?)")) {
            st.setArray(1, c.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private List<UUID> insertLeads(int n) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = postgres.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO lead (id, first_name, last_name, email, company, budget, created_at, updated_at)"
                        + " VALUES (?, 'Dry', ?, ?, 'Acme', ?, now(), now())")) {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                st.setObject(1, id);
                st.setString(2, "Run " + i);
                st.setString(3, "dry-" + id + "@example.com");
                st.setBigDecimal(4, new BigDecimal("50000.00"));
                st.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }
}
