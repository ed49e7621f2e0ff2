package com.nia.crmsync.syncapi.alerts;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.syncapi.FakeGateway;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.testkit.TestTokens;

/**
 * The evaluator against the fake gateway and sync-api's own database, and {@code GET /api/v1/crm/alerts}: an
 * alert fires once, is listed while it fires, resolves once and is listed as resolved; a gateway that does not
 * answer fires its own alert without clearing Creatio's; an unknown status filter is a problem naming the field.
 */
@QuarkusTest
@SyncApiInfrastructure
class AlertEvaluatorTests {

    @Inject
    AlertEvaluator evaluator;

    @Inject
    EntityManager em;

    @BeforeEach
    @AfterEach
    void reset() {
        FakeGateway.reset();
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("DELETE FROM alert_state").executeUpdate());
    }

    private List<String> round() {
        return evaluator.evaluate().stream().map(n -> n.key() + " " + n.status().wire()).toList();
    }

    @Test
    void quotaAt75PercentFiresOnceIsListedAndResolvesOnce() {
        FakeGateway.quotaUsed(7_600);

        assertThat(round()).contains("creatio_quota_warning firing").doesNotContain("creatio_quota_critical firing");
        assertThat(round()).as("no repeat while firing").noneMatch(n -> n.startsWith("creatio_quota_warning"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/alerts")
                .then().statusCode(200)
                .body("items.find { it.alert_key == 'creatio_quota_warning' }.status", equalTo("firing"))
                .body("items.find { it.alert_key == 'creatio_quota_warning' }.severity", equalTo("warning"))
                .body("items.find { it.alert_key == 'creatio_quota_warning' }.details.used", equalTo(7_600));

        FakeGateway.quotaUsed(100);

        assertThat(round()).contains("creatio_quota_warning resolved");
        assertThat(round()).noneMatch(n -> n.startsWith("creatio_quota_warning"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/alerts")
                .then().statusCode(200).body("items.alert_key", not(hasItem("creatio_quota_warning")));
        given().auth().oauth2(TestTokens.viewer()).queryParam("status", "resolved").when().get("/api/v1/crm/alerts")
                .then().statusCode(200)
                .body("items.find { it.alert_key == 'creatio_quota_warning' }.status", equalTo("resolved"))
                .body("items.find { it.alert_key == 'creatio_quota_warning' }.ended_at", not(equalTo(null)));
    }

    @Test
    void aGatewayThatDoesNotAnswerFiresItsOwnAlertAndLeavesCreatiosAsTheyWere() {
        FakeGateway.quotaUsed(7_600);
        assertThat(round()).contains("creatio_quota_warning firing");

        FakeGateway.mode(FakeGateway.Mode.DOWN);

        assertThat(round()).contains("creatio_gateway_unreachable firing").doesNotContain("creatio_quota_warning resolved");
        given().auth().oauth2(TestTokens.operator()).when().get("/api/v1/crm/alerts")
                .then().statusCode(200).body("items.alert_key", hasItem("creatio_quota_warning"))
                .body("items.alert_key", hasItem("creatio_gateway_unreachable"));

        FakeGateway.mode(FakeGateway.Mode.UP);

        assertThat(round()).contains("creatio_gateway_unreachable resolved");
    }

    @Test
    void refusesAnUnknownStatusWithAProblemNamingTheField() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("status", "open").when().get("/api/v1/crm/alerts")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("status"));
    }
}
