package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Two sync-worker instances: the command partitions are shared (scale-out on Kafka partitions,
 * each probe still answered once), and a configuration change reaches both instances.
 */
@ExtendWith(LogsOnFailure.class)
class ScaleOutSystemTests {

    private static QuarkusService second;

    @BeforeAll
    static void startASecondWorker() {
        second = SystemStack.get().startInstance(ServiceKind.SYNC_WORKER).awaitReady(Duration.ofMinutes(2));
    }

    @AfterAll
    static void stopTheSecondWorker() {
        SystemStack.get().stopInstance(second.name());
    }

    @Test
    void bothInstancesShareThePartitionsAndEveryProbeIsAnsweredOnce() {
        String syncApi = SystemStack.get().service(ServiceKind.SYNC_API).baseUrl();
        Set<String> handlers = new TreeSet<>();
        // the group rebalances after the second instance joins: probe until both have answered
        await().atMost(Duration.ofSeconds(90)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(500)).until(() -> {
            String runId = start(syncApi, 24);
            await().atMost(Duration.ofSeconds(60)).until(() -> check(syncApi, runId).getInt("returned") == 24);
            JsonPath done = check(syncApi, runId);
            assertThat(done.getInt("applied_more_than_once")).isZero();
            handlers.addAll(done.getList("handled_by", String.class));
            return handlers.size() == 2;
        });
        assertThat(handlers).hasSize(2);
    }

    @Test
    void aConfigurationChangeReachesBothInstances() {
        Stack stack = SystemStack.get();
        // an admin's change through sync-api, as in production: the next version, published through its outbox (a record
        // published here with a version of our own would outrank every later change for the rest of the stack's life)
        SyncPath sync = new SyncPath(stack);
        long before = sync.changeConfiguration(c -> c.put("default_max_retries", 4));
        long version = sync.changeConfiguration(c -> c.put("default_max_retries", 5));
        assertThat(version).isGreaterThan(before);
        for (QuarkusService worker : new QuarkusService[] {stack.instance("sync-worker"), second}) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(loadedVersion(worker)).as(worker.name()).isEqualTo(version));
        }
    }

    private static long loadedVersion(QuarkusService service) {
        return given().baseUri(service.baseUrl()).when().get("/q/health/ready").then().extract().jsonPath()
                .getLong("checks.find { it.name == 'crm-sync-configuration' }.data.version");
    }

    private static String start(String baseUrl, int count) {
        return given().baseUri(baseUrl).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"count\":" + count + ",\"work_millis\":0}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(202).extract().path("run_id");
    }

    private static JsonPath check(String baseUrl, String runId) {
        return given().baseUri(baseUrl).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/pipeline-check/" + runId)
                .then().statusCode(200).extract().jsonPath();
    }
}
