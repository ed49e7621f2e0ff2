package com.nia.crmsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.testkit.InjectCreatioSimulator;
import com.nia.crmsync.testkit.TestCreatioSimulator;

/**
 * Retries, verification and back-off against injected faults, over real HTTP: idempotent
 * operations complete through 30% 503s within the retry bound of the test profile
 * ({@code max-retries=6}), a create whose answer comes after the gateway's timeout is one record
 * reported created, a 429 {@code Retry-After} is waited out, and Creatio's no-permission page
 * becomes problem+json. A record Creatio always refuses is answered with its own failure when its
 * retry meets the breaker its half-open probe reopened, so its attempts are counted.
 */
@QuarkusTest
@GatewayInfrastructure
class ResilienceTests extends GatewayTestBase {

    /** The test profile's {@code quarkus.fault-tolerance.global.retry.max-retries}. */
    private static final int MAX_RETRIES = 6;

    @InjectCreatioSimulator
    TestCreatioSimulator simulator;

    @Inject
    CircuitBreakerMaintenance breakers;

    @Override
    TestCreatioSimulator simulator() {
        return simulator;
    }

    @Test
    void completesEveryIdempotentOperationThrough30PercentInjected503sWithinTheRetryBound() {
        // seeded: the same requests fail in every run; the bound below holds for any draw all the same
        worker(Lane.REALTIME).when().get("/internal/v1/metadata").then().statusCode(200);
        sim.fault(new JsonObject().put("group", "odata").put("action", "error").put("status", 503).put("probability", 0.3).put("seed", 20261127L));
        sim.fault(new JsonObject().put("group", "odata").put("action", "latency").put("minMs", 0).put("maxMs", 40));
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            worker(Lane.REALTIME).body(new JsonObject().put("id", id.toString()).put("columns", new JsonObject().put("Name", "Retry " + i)).encode())
                    .when().post("/internal/v1/entities/contacts").then().statusCode(201);
        }
        for (UUID id : ids) {
            worker(Lane.REALTIME).when().get("/internal/v1/entities/contacts/" + id + "?select=Name").then().statusCode(200);
            worker(Lane.REALTIME).body("{\"JobTitle\":\"Engineer\"}").when().patch("/internal/v1/entities/contacts/" + id).then().statusCode(204);
            worker(Lane.REALTIME).when().delete("/internal/v1/entities/contacts/" + id).then().statusCode(204);
        }
        // a create attempt is a POST plus at most one read-back; every other attempt is one call
        long bound = 10L * (MAX_RETRIES + 1) * 2 + 30L * (MAX_RETRIES + 1);
        assertThat(sim.calls("odata", 503)).isPositive();
        assertThat(sim.calls("odata")).isLessThanOrEqualTo(bound);
        sim.clearFaults();
        long created = sim.requests().stream().filter(r -> "POST".equals(r.getString("method")) && r.getInteger("status") == 201).count();
        assertThat(created).isEqualTo(10);
    }

    @Test
    void reportsOneCreatedRecordWhenTheAnswerComesAfterTheTimeoutButTheCreateCommitted() {
        UUID id = UUID.randomUUID();
        worker(Lane.REALTIME).when().get("/internal/v1/metadata").then().statusCode(200);
        // the test profile's request timeout is 1.5 s: the committed create answers after 3 s
        sim.fault(new JsonObject().put("group", "odata").put("methods", new JsonArray().add("POST")).put("entitySet", "Contact")
                .put("action", "commit-then-delay").put("durationMs", 3000).put("times", 1));
        worker(Lane.REALTIME).body(new JsonObject().put("id", id.toString()).put("columns", new JsonObject().put("Name", "Slow Commit")).encode())
                .when().post("/internal/v1/entities/contacts")
                .then().statusCode(201).body("created", equalTo(true)).body("verifiedByRead", equalTo(true))
                .body("entity.Id", equalTo(id.toString()));
        worker(Lane.REALTIME).when().get("/internal/v1/entities/contacts/changes?since=2000-01-01T00:00:00Z&top=100&select=Name")
                .then().statusCode(200).body("records.findAll { it.Name == 'Slow Commit' }.size()", equalTo(1));
        assertThat(sim.requests().stream().filter(r -> "POST".equals(r.getString("method")) && r.getString("path").endsWith("/Contact")).count())
                .isEqualTo(1);
    }

    @Test
    void waitsOutA429RetryAfterBeforeTheNextCall() {
        worker(Lane.REALTIME).when().get("/internal/v1/metadata").then().statusCode(200);
        sim.fault(new JsonObject().put("group", "odata").put("action", "throttle").put("retryAfterSeconds", 1).put("times", 1));
        worker(Lane.REALTIME).when().get("/internal/v1/entities/contacts/changes?since=2000-01-01T00:00:00Z&top=5").then().statusCode(200);
        List<JsonObject> odata = sim.requests().stream().filter(r -> "odata".equals(r.getString("group"))).toList();
        assertThat(odata).extracting(r -> r.getInteger("status")).containsExactly(429, 200);
        Duration gap = Duration.between(Instant.parse(odata.get(0).getString("at")), Instant.parse(odata.get(1).getString("at")));
        assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }

    @Test
    void turnsCreatiosNoPermissionPageIntoProblemJson() {
        worker(Lane.REALTIME).when().get("/internal/v1/metadata").then().statusCode(200);
        simulator.send("PUT", "/sim/clients/" + simulator.clientId() + "/odata-access?enabled=false", null);
        worker(Lane.REALTIME).when().get("/internal/v1/entities/contacts/" + UUID.randomUUID())
                .then().statusCode(502).contentType("application/problem+json")
                .body("code", equalTo("CREATIO_NO_ODATA_PERMISSION")).body("creatioStatus", equalTo(403));
    }

    @Test
    void answersTheProbesOwnFailureWhenItsRetryMeetsTheBreakerItReopened() {
        UUID id = UUID.randomUUID();
        worker(Lane.REALTIME).body(new JsonObject().put("id", id.toString()).put("columns", new JsonObject().put("Name", "Poison")).encode())
                .when().post("/internal/v1/entities/contacts").then().statusCode(201);
        // Creatio refuses every update of this one record: the updates' breaker opens
        sim.fault(new JsonObject().put("group", "odata").put("methods", new JsonArray().add("PATCH")).put("entitySet", "Contact")
                .put("ids", new JsonArray().add(id.toString())).put("action", "error").put("status", 500));
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> "CREATIO_CIRCUIT_OPEN".equals(patchCode(id)));
            // past the breaker's delay the next update is its half-open probe: Creatio refuses it, the breaker opens
            // again and the retry meets it; the answer is the probe's failure, so the worker counts the attempt
            String probe = await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> patchCode(id), code -> !"CREATIO_CIRCUIT_OPEN".equals(code));
            assertThat(probe).isEqualTo("CREATIO_SERVER_ERROR");
            assertThat(breakers.currentState(CreatioClient.UPDATES)).isEqualTo(CircuitBreakerState.OPEN);
        } finally {
            sim.clearFaults();
            breakers.resetAll();
        }
    }

    private static String patchCode(UUID id) {
        return worker(Lane.REALTIME).body("{\"JobTitle\":\"Engineer\"}").when().patch("/internal/v1/entities/contacts/" + id)
                .then().statusCode(anyOf(equalTo(502), equalTo(503))).contentType("application/problem+json").extract().path("code");
    }
}
