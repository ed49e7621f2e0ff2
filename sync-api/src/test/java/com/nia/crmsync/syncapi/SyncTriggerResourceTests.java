package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.syncapi.runs.RunHousekeeping;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/**
 * The seed's triggers: 202 with a run, Idempotency-Key (also from two threads at once), sync_all
 * planning every lead on the bulk topic, sync-lead on the real-time topic, run progress,
 * retry-failed's audit entry, the connection test through the gateway, and interrupted runs.
 */
@QuarkusTest
@SyncApiInfrastructure
class SyncTriggerResourceTests {

    @InjectKafka
    TestKafka kafka;

    @InjectPostgres
    TestPostgres postgres;

    @Inject
    RunHousekeeping housekeeping;

    @BeforeEach
    void resetGateway() {
        FakeGateway.reset();
    }

    @Test
    void syncAllAnswers202WithTheRunAndPlansEveryLeadOnTheBulkTopic() throws Exception {
        List<UUID> leads = insertLeads(7);

        ExtractableResponse<Response> answer = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"force\":true,\"entity_types\":[\"lead\"],\"dry_run\":false}")
                .when().post("/api/v1/crm/sync/sync_all/")
                .then().statusCode(202).body("run_id", notNullValue()).body("status_url", startsWith("/api/v1/crm/sync/runs/"))
                .extract();
        String runId = answer.path("run_id");
        assertThat(answer.header("Location")).endsWith("/api/v1/crm/sync/runs/" + runId);
        assertThat((String) answer.path("status_url")).isEqualTo("/api/v1/crm/sync/runs/" + runId);

        await().atMost(Duration.ofSeconds(30)).until(() -> List.of("running", "completed")
                .contains(given().auth().oauth2(TestTokens.viewer()).get("/api/v1/crm/sync/runs/" + runId).then().extract().path("status")));
        ExtractableResponse<Response> run = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                .then().statusCode(200).body("kind", equalTo("sync_all")).body("requested_by", equalTo("otto.operator"))
                .body("params.entity_types", equalTo(List.of("lead"))).body("params.force", equalTo(true))
                .body("created_at", notNullValue()).body("started_at", notNullValue())
                .extract();
        int total = run.path("total");
        int skipped = run.path("skipped");
        assertThat(total).isGreaterThanOrEqualTo(leads.size());
        assertThat(total + skipped).isEqualTo(countRows("SELECT count(*) FROM lead WHERE NOT deleted"));

        // records of earlier tests may still have a command in flight (no worker here): theirs follow that command's
        // result, so the run counts them in its total while only the others' commands are on the topic now
        List<ConsumerRecord<String, String>> commands = kafka.readUntil(Topics.COMMANDS_BULK,
                rs -> ofRun(rs, runId).size() >= leads.size(), Duration.ofSeconds(60));
        List<ConsumerRecord<String, String>> mine = ofRun(commands, runId);
        assertThat(mine.size()).isBetween(leads.size(), total);
        Set<String> keys = new HashSet<>();
        mine.forEach(r -> keys.add(r.key()));
        assertThat(keys).hasSize(mine.size());
        leads.forEach(id -> assertThat(keys).contains("lead:" + id));
    }

    @Test
    void theSameIdempotencyKeyStartsOneRunAlsoFromTwoThreadsAtOnce() throws Exception {
        String key = "key-" + UUID.randomUUID();
        String first = syncAll(key);
        assertThat(syncAll(key)).isEqualTo(first);
        assertThat(countRows("SELECT count(*) FROM sync_run WHERE idempotency_key LIKE '%/" + key + "'")).isEqualTo(1);

        String concurrentKey = "key-" + UUID.randomUUID();
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<String>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return syncAll(concurrentKey);
            }));
        }
        go.countDown();
        assertThat(calls.get(0).get()).isEqualTo(calls.get(1).get());
        assertThat(countRows("SELECT count(*) FROM sync_run WHERE idempotency_key LIKE '%/" + concurrentKey + "'")).isEqualTo(1);

        // a key spent on other parameters is refused
        given().auth().oauth2(TestTokens.operator()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"entity_types\":[\"contact\"]}")
                .when().post("/api/v1/crm/sync/sync_all/").then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void refusesAnUnknownEntityTypeNamingTheField() {
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{\"entity_types\":[\"lead\",\"banana\"]}")
                .when().post("/api/v1/crm/sync/sync_all/")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("/entity_types/1"));
    }

    @Test
    void syncLeadAnswers404ForAnUnknownLead400ForABadDirectionAnd202WithARealtimeCommand() throws Exception {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"lead_id\":\"" + UUID.randomUUID() + "\",\"direction\":\"to_creatio\"}")
                .when().post("/api/v1/crm/sync/sync-lead/").then().statusCode(404).contentType("application/problem+json");
        UUID lead = insertLeads(1).get(0);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"lead_id\":\"" + lead + "\",\"direction\":\"sideways\"}")
                .when().post("/api/v1/crm/sync/sync-lead/")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("/direction"));

        String runId = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"lead_id\":\"" + lead + "\",\"direction\":\"both\",\"dry_run\":false}")
                .when().post("/api/v1/crm/sync/sync-lead/")
                .then().statusCode(202).header("Location", startsWith("http")).extract().path("run_id");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                .then().statusCode(200).body("kind", equalTo("sync_lead")).body("total", equalTo(1)).body("status", equalTo("running"))
                .body("params.direction", equalTo("both"));
        List<ConsumerRecord<String, String>> realtime = kafka.readUntil(Topics.COMMANDS_REALTIME,
                rs -> !ofRun(rs, runId).isEmpty(), Duration.ofSeconds(30));
        assertThat(ofRun(realtime, runId)).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("lead:" + lead));
    }

    @Test
    void aRunsProgressMovesAsItsResultsAreCounted() throws Exception {
        UUID lead = insertLeads(1).get(0);
        String runId = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"lead_id\":\"" + lead + "\"}")
                .when().post("/api/v1/crm/sync/sync-lead/").then().statusCode(202).extract().path("run_id");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                .then().statusCode(200).body("progress_percent", equalTo(0)).body("done", equalTo(0));
        // the result application counts a final outcome like this (sync.SyncResults)
        execute("UPDATE sync_run SET done = done + 1, synced = synced + 1 WHERE id = '" + runId + "'");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                .then().statusCode(200).body("progress_percent", equalTo(100)).body("synced", equalTo(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/crm/sync/runs/" + runId).then().body("status", equalTo("completed")).body("finished_at", notNullValue()));

        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void retryFailedCountsTheRequeuedRecordsAndLeavesAnAuditEntryWithTheUser() throws Exception {
        UUID lead = insertLeads(1).get(0);
        execute("INSERT INTO creatio_sync (entity_type, local_id, status, last_error, retry_count, updated_at)"
                + " VALUES ('lead', '" + lead + "', 'failed', 'CREATIO_UNAVAILABLE', 5, now())");
        String correlationId = "retry-" + UUID.randomUUID();
        ExtractableResponse<Response> answer = given().auth().oauth2(TestTokens.admin()).header("X-Correlation-Id", correlationId)
                .contentType(ContentType.JSON).body("{\"entity_type\":\"lead\",\"ids\":[\"" + lead + "\"]}")
                .when().post("/api/v1/crm/sync/retry-failed/")
                .then().statusCode(202).body("count", equalTo(1)).extract();
        String runId = answer.path("run_id");
        assertThat(answer.header("Location")).endsWith("/api/v1/crm/sync/runs/" + runId);
        assertThat(countRows("SELECT count(*) FROM creatio_sync WHERE local_id = '" + lead + "' AND status <> 'failed'")).isEqualTo(1);

        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT actor, action, target, after_state::text, outcome FROM audit_entry WHERE correlation_id = '" + correlationId + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("actor")).isEqualTo("ada.admin");
            assertThat(rs.getString("action")).isEqualTo("sync.retry-failed");
            assertThat(rs.getString("target")).isEqualTo("sync-run/" + runId);
            assertThat(rs.getString(4)).contains(lead.toString()).contains(runId);
            assertThat(rs.getString("outcome")).isEqualTo("ok");
        }
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"entity_type\":\"planet\"}")
                .when().post("/api/v1/crm/sync/retry-failed/")
                .then().statusCode(400).body("errors.field", hasItem("/entity_type"));
    }

    @Test
    void testsTheConnectionThroughTheGatewayWithAServiceToken() {
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/sync/test-connection/")
                .then().statusCode(200).body("ok", equalTo(true)).body("read_millis", equalTo(34));
        assertThat(FakeGateway.lastCaller()).isEqualTo("service-account-sync-api");

        FakeGateway.connectionOk(false);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/test-connection/")
                .then().statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:nia-creatio-sync:gateway:CREATIO_CREDENTIALS_REJECTED"));

        FakeGateway.mode(FakeGateway.Mode.FAILING);
        String failing = given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/test-connection/")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:nia-creatio-sync:gateway:CREATIO_UNAVAILABLE")).extract().asString();
        assertThat(failing).doesNotContain("creatio.internal.example").doesNotContain("secret-detail");

        FakeGateway.mode(FakeGateway.Mode.DOWN);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/test-connection/")
                .then().statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:nia-creatio-sync:gateway:GATEWAY_UNREACHABLE"));
    }

    @Test
    void aRunWhosePlanningStoppedWithARestartIsMarkedFailedWithTheReason() throws Exception {
        UUID stale = UUID.randomUUID();
        UUID fresh = UUID.randomUUID();
        try (Connection c = postgres.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO sync_run (id, kind, status, requested_by, created_at, heartbeat_at) VALUES (?, 'sync_all', 'planning', 'x', ?, ?)")) {
            st.setObject(1, stale);
            st.setTimestamp(2, Timestamp.from(Instant.now().minusSeconds(3600)));
            st.setTimestamp(3, Timestamp.from(Instant.now().minusSeconds(3600)));
            st.executeUpdate();
            st.setObject(1, fresh);
            st.setTimestamp(2, Timestamp.from(Instant.now()));
            st.setTimestamp(3, Timestamp.from(Instant.now()));
            st.executeUpdate();
        }
        assertThat(housekeeping.failInterrupted()).isGreaterThanOrEqualTo(1);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + stale)
                .then().statusCode(200).body("status", equalTo("failed")).body("error", startsWith("interrupted"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + fresh)
                .then().statusCode(200).body("status", equalTo("planning"));
        execute("UPDATE sync_run SET status = 'failed' WHERE id = '" + fresh + "'");
    }

    private String syncAll(String key) {
        return given().auth().oauth2(TestTokens.operator()).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"entity_types\":[\"lead\"],\"dry_run\":true}")
                .when().post("/api/v1/crm/sync/sync_all/").then().statusCode(202).extract().path("run_id");
    }

    private static List<ConsumerRecord<String, String>> ofRun(List<ConsumerRecord<String, String>> records, String runId) {
        return records.stream().filter(r -> r.value().contains(runId)).toList();
    }

    private List<UUID> insertLeads(int n) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = postgres.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO lead (id, first_name, last_name, email, company, created_at, updated_at) VALUES (?, 'Test', ?, ?, 'Acme', now(), now())")) {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                st.setObject(1, id);
                st.setString(2, "Lead " + i);
                st.setString(3, "lead-" + id + "@example.com");
                st.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    private long countRows(String sql) throws Exception {
        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws Exception {
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }
}
