package com.nia.crmsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.testkit.InjectCreatioSimulator;
import com.nia.crmsync.testkit.TestCreatioSimulator;

/**
 * Not a test of CI (its name does not end in {@code Tests}): measures the real-time p50/p95 of a
 * worker's GET through the gateway's HTTP API, alone and while 200 bulk callers (over HTTP too)
 * keep the budget's bulk queue full, with the simulator adding 20–40 ms per OData call. Writes
 * {@code target/realtime-latency.txt}. Run:
 * {@code ./mvnw -B -o -pl creatio-gateway verify -Dtest=RealtimeLatencyBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@QuarkusTest
@GatewayInfrastructure
class RealtimeLatencyBench extends GatewayTestBase {

    private static final int SAMPLES = 100;

    @InjectCreatioSimulator
    TestCreatioSimulator simulator;

    @Override
    TestCreatioSimulator simulator() {
        return simulator;
    }

    @Test
    void measuresRealtimeLatencyWithAndWithoutBulkLoad() throws Exception {
        UUID id = UUID.randomUUID();
        worker(Lane.REALTIME).body(new JsonObject().put("id", id.toString()).put("columns", new JsonObject().put("Name", "Bench")).encode())
                .when().post("/internal/v1/entities/contacts").then().statusCode(201);
        sim.fault(new JsonObject().put("group", "odata").put("action", "latency").put("minMs", 20).put("maxMs", 40));
        measure(id, 50);
        List<Long> idle = measure(id, SAMPLES);

        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService bulk = Executors.newFixedThreadPool(200);
        for (int i = 0; i < 200; i++) {
            bulk.submit(() -> {
                while (running.get()) {
                    // over HTTP like a worker, so the bulk calls also hold the gateway's worker threads
                    worker(Lane.BULK).when().get("/internal/v1/entities/contacts/" + UUID.randomUUID() + "?select=Name");
                }
            });
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> budget.queueLength(Lane.BULK) >= 150);
        List<Long> loaded = measure(id, SAMPLES);
        int bulkQueue = budget.queueLength(Lane.BULK);
        running.set(false);
        bulk.shutdown();
        assertThat(bulk.awaitTermination(120, TimeUnit.SECONDS)).isTrue();

        String report = String.format("real-time GET through the gateway (HTTP, %d samples, simulator latency 20-40 ms, budget %s)%n"
                + "idle:                      p50 %d ms, p95 %d ms%n"
                + "200 bulk callers queued:   p50 %d ms, p95 %d ms (bulk queue during the run: %d)%n",
                SAMPLES, "rate 500/s, burst 100, 8 in flight", pct(idle, 50), pct(idle, 95), pct(loaded, 50), pct(loaded, 95), bulkQueue);
        System.out.println(report);
        Files.writeString(Path.of("target/realtime-latency.txt"), report, StandardCharsets.UTF_8);
    }

    private List<Long> measure(UUID id, int samples) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            worker(Lane.REALTIME).when().get("/internal/v1/entities/contacts/" + id + "?select=Name").then().statusCode(200);
            millis.add((System.nanoTime() - start) / 1_000_000);
        }
        return millis;
    }

    private static long pct(List<Long> values, int percentile) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }
}
