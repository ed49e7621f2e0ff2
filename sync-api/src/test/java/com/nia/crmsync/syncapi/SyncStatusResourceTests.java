package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/** The sync overview: counts per status and entity, rates, timings, runs, failures, and the gateway's quota (or why not). */
@QuarkusTest
@SyncApiInfrastructure
class SyncStatusResourceTests {

    @InjectPostgres
    TestPostgres postgres;

    @BeforeEach
    void resetGateway() {
        FakeGateway.reset();
    }

    @Test
    void answersCountsRatesTimingsFailuresAndTheQuotaFromTheGateway() throws Exception {
        UUID failed = UUID.randomUUID();
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO creatio_sync (entity_type, local_id, status, last_error, retry_count, next_retry_at, last_synced_at, updated_at)"
                    + " VALUES ('contact', '" + failed + "', 'failed', 'CREATIO_REJECTED: Email is invalid', 3, now() + interval '1 hour', null, now())");
            st.executeUpdate("INSERT INTO creatio_sync (entity_type, local_id, status, last_synced_at, updated_at)"
                    + " VALUES ('contact', '" + UUID.randomUUID() + "', 'synced', now(), now())");
            st.executeUpdate("INSERT INTO creatio_sync (entity_type, local_id, status, updated_at)"
                    + " VALUES ('lead', '" + UUID.randomUUID() + "', 'conflict', now())");
            st.executeUpdate("INSERT INTO sync_log (occurred_at, operation, level, entity_type, duration_ms) VALUES"
                    + " (now(), 'update', 'info', 'contact', 100), (now(), 'update', 'info', 'contact', 300)");
        }
        FakeGateway.quotaUsed(4321);

        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/status/")
                .then().statusCode(200)
                .body("by_status.failed", greaterThanOrEqualTo(1)).body("by_status.synced", greaterThanOrEqualTo(1))
                .body("by_entity.contact.failed", greaterThanOrEqualTo(1)).body("by_entity.lead.conflict", greaterThanOrEqualTo(1))
                .body("conflicts", greaterThanOrEqualTo(1))
                .body("success_rate", notNullValue())
                .body("timings.sample_size", greaterThanOrEqualTo(2)).body("timings.average_millis", notNullValue())
                .body("timings.p95_millis", notNullValue()).body("timings.last_synced_at", notNullValue())
                .body("recent_failures.find { it.local_id == '" + failed + "' }.last_error", equalTo("CREATIO_REJECTED: Email is invalid"))
                .body("recent_failures.find { it.local_id == '" + failed + "' }.retry_count", equalTo(3))
                .body("recent_failures.find { it.local_id == '" + failed + "' }.next_retry_at", notNullValue())
                .body("$", hasKey("current_runs")).body("$", hasKey("last_run"))
                .body("quota.available", equalTo(true)).body("quota.used", equalTo(4321)).body("quota.daily_quota", equalTo(10000))
                .body("quota.remaining", equalTo(10000 - 4321));
        assertThat(FakeGateway.lastCaller()).isEqualTo("service-account-sync-api");
    }

    @Test
    void stillAnswersWhenTheGatewayIsUnreachableSayingWhyTheQuotaIsMissing() {
        FakeGateway.mode(FakeGateway.Mode.DOWN);
        String body = given().auth().oauth2(TestTokens.operator()).when().get("/api/v1/crm/sync/status/")
                .then().statusCode(200)
                .body("quota.available", equalTo(false)).body("quota.reason", notNullValue())
                .body("$", hasKey("by_status")).body("$", hasKey("recent_failures"))
                .extract().asString();
        assertThat(body).contains("GATEWAY_UNREACHABLE");

        FakeGateway.mode(FakeGateway.Mode.FAILING);
        String failing = given().auth().oauth2(TestTokens.operator()).when().get("/api/v1/crm/sync/status/")
                .then().statusCode(200).body("quota.available", equalTo(false)).extract().asString();
        assertThat(failing).contains("CREATIO_UNAVAILABLE").doesNotContain("creatio.internal.example").doesNotContain("secret-detail");
    }
}
