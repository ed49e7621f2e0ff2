package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.testkit.TestTokens;

/** The gateway's daily Creatio quota is persisted: a SIGKILLed and restarted gateway goes on counting from where it was. */
@ExtendWith(LogsOnFailure.class)
class GatewayRestartSystemTests {

    @Test
    void theQuotaCountSurvivesAGatewayRestart() {
        Stack stack = SystemStack.get();
        String gateway = stack.service(ServiceKind.CREATIO_GATEWAY).baseUrl();
        long before = quotaUsed(gateway);
        for (int i = 0; i < 3; i++) {
            given().baseUri(gateway).auth().oauth2(TestTokens.service("sync-worker")).header("X-Sync-Lane", "realtime")
                    .queryParam("since", "2000-01-01T00:00:00Z").queryParam("top", 1)
                    .when().get("/internal/v1/entities/leads/changes").then().statusCode(200);
        }
        long counted = quotaUsed(gateway);
        assertThat(counted).isGreaterThanOrEqualTo(before + 3);

        stack.killAndRestart("creatio-gateway", Duration.ofMinutes(2));

        assertThat(quotaUsed(gateway)).as("the count after a SIGKILL and restart").isEqualTo(counted);
    }

    private static long quotaUsed(String gateway) {
        return given().baseUri(gateway).auth().oauth2(TestTokens.service("sync-worker")).when().get("/internal/v1/status")
                .then().statusCode(200).extract().jsonPath().getLong("creatio.quota.used");
    }
}
