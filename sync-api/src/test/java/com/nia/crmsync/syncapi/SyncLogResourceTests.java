package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/** The sync log: filters, paging newest first, 400 naming a bad filter, and no budget for viewers. */
@QuarkusTest
@SyncApiInfrastructure
class SyncLogResourceTests {

    @InjectPostgres
    TestPostgres postgres;

    private final String correlation = "log-" + UUID.randomUUID();
    private final UUID lead = UUID.randomUUID();
    private final UUID run = UUID.randomUUID();
    private final Instant base = Instant.parse("2031-05-01T10:00:00Z");

    @BeforeEach
    void writeLog() throws Exception {
        try (Connection c = postgres.connect(); PreparedStatement st = c.prepareStatement("INSERT INTO sync_log"
                + " (occurred_at, operation, level, entity_type, local_id, correlation_id, user_name, duration_ms, summary, run_id, outcome)"
                + " VALUES (?, ?, ?, 'lead', ?, ?, 'otto.operator', 42, CAST(? AS jsonb), ?, ?)")) {
            for (int i = 0; i < 5; i++) {
                st.setTimestamp(1, Timestamp.from(base.plusSeconds(i * 60L)));
                st.setString(2, i == 4 ? "create" : "update");
                st.setString(3, i == 3 ? "error" : "info");
                st.setObject(4, lead);
                st.setString(5, correlation);
                st.setString(6, "{\"fields\":[\"email\",\"budget\"],\"budget\":125000,\"changes\":{\"budget\":125000,\"email\":\"***\"},\"n\":" + i + "}");
                st.setObject(7, run);
                st.setString(8, i == 3 ? "failed" : "synced");
                st.executeUpdate();
            }
        }
    }

    @Test
    void filtersByEntityLevelOperationTimeCorrelationAndRunNewestFirstInPages() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("correlation_id", correlation).queryParam("size", 2)
                .when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(200).body("total", equalTo(5)).body("items", hasSize(2))
                .body("items.summary.n", contains(4, 3)).body("items[0].occurred_at", equalTo("2031-05-01T10:04:00Z"))
                .body("items[0].entity_type", equalTo("lead")).body("items[0].local_id", equalTo(lead.toString()))
                .body("items[0].run_id", equalTo(run.toString()));
        given().auth().oauth2(TestTokens.viewer()).queryParam("correlation_id", correlation).queryParam("size", 2).queryParam("page", 2)
                .when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(200).body("items.summary.n", contains(0));
        given().auth().oauth2(TestTokens.viewer()).queryParam("entity_type", "lead").queryParam("local_id", lead.toString())
                .queryParam("level", "error").when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].outcome", equalTo("failed"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("run_id", run.toString()).queryParam("operation", "create")
                .when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].summary.n", equalTo(4));
        given().auth().oauth2(TestTokens.viewer()).queryParam("correlation_id", correlation)
                .queryParam("from", "2031-05-01T10:01:00Z").queryParam("to", "2031-05-01T10:03:00Z")
                .when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(200).body("items.summary.n", contains(2, 1));
    }

    @Test
    void refusesBadFiltersNamingTheParameter() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("local_id", "not-a-uuid").when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("local_id"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("level", "loud").queryParam("from", "yesterday")
                .when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(400).body("errors.field", hasItem("level")).body("errors.field", hasItem("from"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("size", 501).when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(400).body("errors.field", hasItem("size"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("entity_type", "planet").queryParam("run_id", "7")
                .when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(400).body("errors.field", hasItem("entity_type")).body("errors.field", hasItem("run_id"));
    }

    @Test
    void aViewerNeverSeesTheBudgetAnOperatorDoes() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("correlation_id", correlation).when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(200).body("items.summary", everyItem(not(hasKey("budget"))))
                .body("items.summary.changes", everyItem(not(hasKey("budget"))))
                .body("items[0].summary.changes.email", equalTo("***"));
        given().auth().oauth2(TestTokens.operator()).queryParam("correlation_id", correlation).when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(200).body("items[0].summary.budget", equalTo(125000))
                .body("items[0].summary.changes.budget", equalTo(125000));
    }
}
