package com.nia.crmsync.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;

/**
 * Point 7's fault injection, each knob over real HTTP: error status and rate, 429 with
 * {@code Retry-After}, a latency distribution, a hang past the client's timeout, the identity
 * service down, "commit, then delay the answer", one-shot rules, and calls in flight.
 */
@QuarkusTest
class FaultInjectionTests {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static RestAssuredConfig timeoutAfter(int millis) {
        return RestAssuredConfig.config().httpClient(HttpClientConfig.httpClientConfig()
                .setParam("http.socket.timeout", millis).setParam("http.connection.timeout", millis));
    }

    @Test
    void answersTheConfiguredErrorStatusesWithoutTouchingData() {
        String token = Sim.token();
        Sim.fault(Map.of("group", "odata", "action", "error", "status", 500, "times", 1));
        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(500)
                .body("error.message", equalTo("An error has occurred."));

        Sim.fault(Map.of("group", "odata", "action", "error", "status", 502, "times", 1));
        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(502).contentType(startsWith("text/html"));

        Sim.fault(Map.of("group", "odata", "methods", List.of("POST"), "action", "error", "status", 503,
                "times", 1));
        Sim.odata(token).body(Map.of("LeadName", "lost")).post(Sim.ODATA + "/Lead").then().statusCode(503);

        Sim.odata(token).get(Sim.ODATA + "/Lead/$count").then().statusCode(200).body(equalTo("0"));
    }

    @Test
    void failsAboutTheConfiguredShareOfCalls() {
        String token = Sim.token();
        Sim.fault(Map.of("group", "odata", "action", "error", "status", 500, "probability", 0.3));

        int failures = 0;
        for (int i = 0; i < 200; i++) {
            if (Sim.odata(token).get(Sim.ODATA + "/Lead/$count").statusCode() == 500) {
                failures++;
            }
        }

        assertThat(failures).isBetween(30, 90);
    }

    @Test
    void aSeededRuleFailsTheSameCallsInEveryRun() {
        String token = Sim.token();
        java.util.List<java.util.List<Integer>> runs = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            given().delete("/sim/faults").then().statusCode(204);
            Sim.fault(Map.of("group", "odata", "action", "error", "status", 503, "probability", 0.3, "seed", 42));
            java.util.List<Integer> statuses = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                statuses.add(Sim.odata(token).get(Sim.ODATA + "/Lead/$count").statusCode());
            }
            runs.add(statuses);
        }
        assertThat(runs.get(0)).contains(503).contains(200).isEqualTo(runs.get(1));
    }

    @Test
    void throttlesWith429AndRetryAfter() {
        String token = Sim.token();
        Sim.fault(Map.of("group", "any", "action", "throttle", "retryAfterSeconds", 7, "times", 2));

        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(429).header("Retry-After", "7");
        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(429);
        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(200);
    }

    @Test
    void delaysResponsesWithinTheLatencyDistribution() {
        String token = Sim.token();
        Sim.fault(Map.of("group", "odata", "action", "latency", "minMs", 200, "maxMs", 400));

        for (int i = 0; i < 5; i++) {
            long took = Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(200).extract().time();
            assertThat(took).isBetween(190L, 5_000L);
        }
    }

    @Test
    void hangsPastTheClientsTimeout() {
        String token = Sim.token();
        Sim.fault(Map.of("group", "odata", "entitySet", "Lead", "action", "hang", "durationMs", 3000, "times", 1));

        assertThatThrownBy(() -> Sim.odata(token).config(timeoutAfter(500)).get(Sim.ODATA + "/Lead"))
                .isInstanceOf(SocketTimeoutException.class);
        Sim.odata(token).get(Sim.ODATA + "/Contact").then().statusCode(200);
    }

    @Test
    void takesTheIdentityServiceDownWhileODataStaysUp() {
        String token = Sim.token();
        String rule = Sim.fault(Map.of("group", "identity", "action", "down"));

        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "client_credentials", "client_id", Sim.CLIENT_ID,
                        "client_secret", Sim.CLIENT_SECRET))
                .post("/connect/token").then().statusCode(503).contentType(startsWith("text/html"));
        given().get("/.well-known/openid-configuration").then().statusCode(503);
        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(200);

        given().delete("/sim/faults/" + rule).then().statusCode(204);
        Sim.token();
    }

    @Test
    void commitsTheWriteThenDelaysTheAnswerSoACallerCanDieInBetween() {
        String token = Sim.token();
        String id = Sim.odata(token).body(Map.of("LeadName", "Before")).post(Sim.ODATA + "/Lead").then()
                .statusCode(201).extract().path("Id");
        Sim.fault(Map.of("group", "odata", "methods", List.of("PATCH"), "ids", List.of(id),
                "action", "commit-then-delay", "durationMs", 4000, "times", 1));

        assertThatThrownBy(() -> Sim.odata(token).config(timeoutAfter(700)).body(Map.of("LeadName", "After"))
                .patch(Sim.ODATA + "/Lead(" + id + ")")).isInstanceOf(SocketTimeoutException.class);

        // Visible well before the 4 s delay is over: the write was committed before the answer.
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                Sim.odata(token).get(Sim.ODATA + "/Lead(" + id + ")").then().body("LeadName", equalTo("After")));
    }

    @Test
    void reportsCallsInFlightAndTheirPeak() {
        String token = Sim.token();
        Sim.fault(Map.of("group", "odata", "action", "latency", "minMs", 1500, "maxMs", 1500));
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(CompletableFuture.supplyAsync(
                    () -> Sim.odata(token).get(Sim.ODATA + "/Lead").statusCode(), pool));
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                Sim.control().get("/sim/metrics").then().body("inFlight", equalTo(3)));
        calls.forEach(call -> assertThat(call.join()).isEqualTo(200));

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> Sim.control().get("/sim/metrics").then()
                .body("inFlight", equalTo(0)).body("peakInFlight", equalTo(3)));
    }

    @Test
    void listsAndRemovesFaultRulesAndRejectsUnknownActions() {
        Sim.fault(Map.of("group", "metadata", "action", "error"));
        Sim.odata().get(Sim.ODATA + "/$metadata").then().statusCode(500);
        Sim.control().get("/sim/faults").then().body("size()", equalTo(1)).body("[0].group", equalTo("metadata"));

        given().delete("/sim/faults").then().statusCode(204);

        Sim.odata().get(Sim.ODATA + "/$metadata").then().statusCode(200);
        Sim.control().body(Map.of("group", "odata", "action", "explode")).post("/sim/faults").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("action"));
    }
}
