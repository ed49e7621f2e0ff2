package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Scale-out on Kafka partitions: a second sync-worker instance joins the group, the command
 * partitions are shared, and both instances answer probes — each probe still exactly once.
 */
@ExtendWith(LogsOnFailure.class)
class ScaleOutSystemTests {

    @Test
    void aSecondWorkerInstanceSharesThePartitionsAndEveryProbeIsAnsweredOnce() {
        Stack stack = SystemStack.get();
        String syncApi = stack.service(ServiceKind.SYNC_API).baseUrl();
        QuarkusService second = stack.startInstance(ServiceKind.SYNC_WORKER).awaitReady(Duration.ofMinutes(2));
        try {
            Set<String> handlers = new TreeSet<>();
            // the group rebalances after the second instance joins: probe until both have answered
            await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
                String runId = start(syncApi, 24);
                await().atMost(Duration.ofSeconds(60)).until(() -> check(syncApi, runId).getInt("returned") == 24);
                JsonPath done = check(syncApi, runId);
                assertThat(done.getInt("appliedMoreThanOnce")).isZero();
                handlers.addAll(done.getList("handledBy", String.class));
                return handlers.size() == 2;
            });
            assertThat(handlers).hasSize(2);
        } finally {
            stack.stopInstance(second.name());
        }
    }

    private static String start(String baseUrl, int count) {
        return given().baseUri(baseUrl).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"count\":" + count + ",\"workMillis\":0}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(202).extract().path("runId");
    }

    private static JsonPath check(String baseUrl, String runId) {
        return given().baseUri(baseUrl).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/pipeline-check/" + runId)
                .then().statusCode(200).extract().jsonPath();
    }
}
