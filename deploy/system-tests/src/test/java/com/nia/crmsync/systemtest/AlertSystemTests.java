package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.ServiceDatabase;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.testkit.TestTokens;

/**
 * sync-api alerts by itself (issue 17): a Creatio outage (a simulator fault rule taking OData down) raises
 * "Creatio unreachable" at the webhook once — not again while it lasts — and in {@code GET /api/v1/crm/alerts},
 * and one resolved notification follows when the fault is removed; the day's quota at 75 % raises its alert. The
 * stack evaluates every 2 s and posts to {@link AlertWebhookSink} ({@link SystemStack}).
 */
@ExtendWith(LogsOnFailure.class)
class AlertSystemTests {

    private static final String UNREACHABLE = "creatio_unreachable";
    private static final String QUOTA_WARNING = "creatio_quota_warning";
    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final Stack stack = SystemStack.get();
    private final SyncPath sync = new SyncPath(stack);
    private final AlertWebhookSink sink = AlertWebhookSink.get();

    @Test
    void aCreatioOutageRaisesCreatioUnreachableOnceAndResolvesItOnceWhenTheFaultIsRemoved() {
        sync.clearFaults();
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> !firing().contains(UNREACHABLE));
        int mark = sink.mark();

        sync.fault(Map.of("group", "odata", "action", "down"));
        try {
            // an operator's connection test is the Creatio call that finds the outage (502, or 503 when the gateway's
            // retries outlast sync-api's read timeout)
            given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/sync/test-connection/")
                    .then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(500));
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> sink.since(mark, UNREACHABLE).size() == 1);
            AlertWebhookSink.Received fired = sink.since(mark, UNREACHABLE).get(0);
            assertThat(fired.status()).isEqualTo("firing");
            assertThat(fired.body()).containsEntry("severity", "critical").containsKey("summary").containsKey("started_at")
                    .containsKey("text");
            assertThat(fired.secret()).isEqualTo(AlertWebhookSink.SECRET);
            assertThat(firing()).contains(UNREACHABLE);

            // several evaluations (and connection-test probes) later, still one notification
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> sink.since(mark, UNREACHABLE).size() == 1 && firing().contains(UNREACHABLE));
        } finally {
            sync.clearFaults();
        }

        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> sink.since(mark, UNREACHABLE).size() >= 2);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> !firing().contains(UNREACHABLE));
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> sink.since(mark, UNREACHABLE).size() == 2);
        List<AlertWebhookSink.Received> all = sink.since(mark, UNREACHABLE);
        assertThat(all).extracting(AlertWebhookSink.Received::status).containsExactly("firing", "resolved");
        assertThat(all.get(1).body()).containsEntry("started_at", all.get(0).body().get("started_at")).containsKey("ended_at");
    }

    @Test
    void quotaAt75PercentOfTheDaysBudgetRaisesItsAlert() throws Exception {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> !firing().contains(QUOTA_WARNING));
        int mark = sink.mark();
        JsonPath quota = gatewayQuota();
        long daily = quota.getLong("creatio.quota.dailyQuota");
        long bump = daily * 76 / 100 - quota.getLong("creatio.quota.used");
        addToTodaysQuota(bump);
        try {
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> sink.since(mark, QUOTA_WARNING).size() == 1);
            AlertWebhookSink.Received fired = sink.since(mark, QUOTA_WARNING).get(0);
            assertThat(fired.status()).isEqualTo("firing");
            assertThat(fired.body()).containsEntry("severity", "warning");
            assertThat(firing()).contains(QUOTA_WARNING).doesNotContain("creatio_quota_critical");
        } finally {
            addToTodaysQuota(-bump);
        }
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> !firing().contains(QUOTA_WARNING));
        assertThat(sink.since(mark, QUOTA_WARNING)).extracting(AlertWebhookSink.Received::status).containsExactly("firing", "resolved");
    }

    /** The keys of the alerts firing now, as a viewer sees them. */
    private List<String> firing() {
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/alerts")
                .then().statusCode(200).extract().jsonPath().getList("items.alert_key", String.class);
    }

    private JsonPath gatewayQuota() {
        return given().baseUri(sync.gateway).auth().oauth2(TestTokens.service("sync-api")).when().get("/internal/v1/status")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Moves today's count in the gateway's quota table (its own database role), as calls would. */
    private void addToTodaysQuota(long calls) throws Exception {
        ServiceDatabase db = stack.database(ServiceKind.CREATIO_GATEWAY);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.role(), db.password());
                PreparedStatement upsert = c.prepareStatement("INSERT INTO call_quota (quota_day, calls_used) VALUES (?, ?)"
                        + " ON CONFLICT (quota_day) DO UPDATE SET calls_used = call_quota.calls_used + EXCLUDED.calls_used, updated_at = now()")) {
            upsert.setObject(1, LocalDate.now(ZoneOffset.UTC));
            upsert.setLong(2, calls);
            upsert.executeUpdate();
        }
    }
}
