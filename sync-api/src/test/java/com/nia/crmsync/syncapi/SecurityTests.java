package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.net.URL;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.testkit.EndpointSecurityCheck;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;
import com.nia.crmsync.web.security.Roles;

/**
 * sync-api's security with real signed tokens: every operation closed to anonymous and wrong
 * roles, the field policy on every lead view, and the audit entry of a state-changing call.
 */
@QuarkusTest
@SyncApiInfrastructure
class SecurityTests {

    @TestHTTPResource("/")
    URL base;

    @InjectPostgres
    TestPostgres postgres;

    @Test
    void closesEveryOperationOfItsOpenApiDocumentToAnonymousAndWrongRoles() {
        var result = EndpointSecurityCheck.run(base.toString(), Roles.ALL).assertAllClosed();
        assertThat(result.operations()).contains("POST /api/v1/crm/sync/pipeline-check", "GET /api/v1/crm/sync/pipeline-check/{runId}",
                "POST /api/v1/crm/sync/sync_all", "POST /api/v1/crm/sync/sync-lead", "GET /api/v1/crm/sync/runs/{id}",
                "GET /api/v1/crm/sync/status", "POST /api/v1/crm/sync/retry-failed", "POST /api/v1/crm/sync/test-connection",
                "GET /api/v1/crm/sync/logs");
    }

    @Test
    void refusesAnAnonymousPipelineCheckWith401() {
        given().contentType(ContentType.JSON).body("{\"count\":1}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(401);
    }

    @Test
    void refusesAViewerStartingAPipelineCheckWith403() {
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{\"count\":1}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(403))
                .body("title", org.hamcrest.Matchers.equalTo("Forbidden"));
    }

    @Test
    void refusesATokenSignedByAnotherKeyWith401() {
        String token = TestTokens.operator();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(forged).when().get("/api/v1/crm/sync/pipeline-check/" + UUID.randomUUID()).then().statusCode(401);
    }

    @Test
    void hidesTheBudgetFromAViewerInEveryViewOfALead() {
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/test/lead-view")
                .then().statusCode(200)
                .body("lead.name", equalTo("Acme GmbH"))
                .body("lead", not(hasKey("budget")))
                .body("plan[0].changes", not(hasKey("budget")))
                .body("plan[0].changes.name", equalTo("Acme GmbH"));
    }

    @Test
    void showsTheBudgetToAnOperator() {
        given().auth().oauth2(TestTokens.operator()).when().get("/api/v1/test/lead-view")
                .then().statusCode(200)
                .body("lead.budget", equalTo(125000))
                .body("plan[0].changes.budget", equalTo(125000));
    }

    @Test
    void auditsAStartedPipelineCheckWithWhoWhatAfterWhenAndTheCorrelationId() throws Exception {
        String correlationId = "test-" + UUID.randomUUID();
        String runId = given().auth().oauth2(TestTokens.operator()).header("X-Correlation-Id", correlationId)
                .contentType(ContentType.JSON).body("{\"count\":1,\"work_millis\":0}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(202).header("X-Correlation-Id", correlationId)
                .extract().path("run_id");

        try (Connection c = postgres.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT actor, actor_roles, action, target, before_state, after_state::text,"
                        + " occurred_at, outcome FROM audit_entry WHERE correlation_id = '" + correlationId + "'")) {
            assertThat(rs.next()).as("one audit entry").isTrue();
            assertThat(rs.getString("actor")).isEqualTo("otto.operator");
            assertThat(rs.getString("actor_roles")).isEqualTo(Roles.OPERATOR);
            assertThat(rs.getString("action")).isEqualTo("pipeline-check.start");
            assertThat(rs.getString("target")).isEqualTo(runId);
            assertThat(rs.getString("before_state")).isNull();
            assertThat(rs.getString("after_state")).contains(runId);
            assertThat(rs.getTimestamp("occurred_at")).isNotNull();
            assertThat(rs.getString("outcome")).isEqualTo("ok");
            assertThat(rs.next()).as("exactly one").isFalse();
        }
    }

    @Test
    void deniesAnotherServicesDatabaseRoleTheTablesItsOwnRoleReads() throws Exception {
        // sync_api reads its own Flyway history ...
        try (Connection c = postgres.connect(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM sync_api.flyway_schema_history")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isPositive();
        }
        // ... and conflict-service's role, connected to the same database, is refused with SQLSTATE 42501
        try (Connection other = postgres.connectAs(postgres.provision("conflict_service")); Statement st = other.createStatement()) {
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                    () -> st.executeQuery("SELECT count(*) FROM sync_api.flyway_schema_history")).getSQLState())
                    .isEqualTo("42501");
            assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(java.sql.SQLException.class,
                    () -> st.executeQuery("SELECT count(*) FROM sync_api.audit_entry")).getSQLState())
                    .isEqualTo("42501");
        }
    }
}
