package com.nia.crmsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.budget.CallBudget;
import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.testkit.InjectCreatioSimulator;
import com.nia.crmsync.testkit.TestCreatioSimulator;

/**
 * Rate, concurrency and priority with {@link ThrottledProfile} (5/s, burst 1, 2 in flight):
 * never more than 5 starts in any second as counted at the gateway, never more than 2 calls in
 * flight at Creatio (the simulator's peak), and with 200 bulk calls queued every real-time call
 * starts before each bulk call that had not started yet.
 */
@QuarkusTest
@TestProfile(ThrottledProfile.class)
@GatewayInfrastructure
class ThrottledBudgetTests extends GatewayTestBase {

    @InjectCreatioSimulator
    TestCreatioSimulator simulator;
    @Inject
    CreatioClient creatio;

    @Override
    TestCreatioSimulator simulator() {
        return simulator;
    }

    @Test
    void startsAtMostFiveCallsInAnySecondAndKeepsAtMostTwoInFlight() throws Exception {
        sim.fault(new JsonObject().put("group", "odata").put("action", "latency").put("minMs", 300).put("maxMs", 600));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 15; i++) {
                calls.add(pool.submit(() -> creatio.query(Lane.REALTIME, "Contact", "$select=Id&$top=1")));
            }
            for (Future<?> call : calls) {
                call.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        List<CallBudget.Start> starts = budget.recentStarts();
        assertThat(starts).hasSize(15);
        for (CallBudget.Start start : starts) {
            long inWindow = starts.stream()
                    .filter(s -> !s.at().isBefore(start.at()) && s.at().isBefore(start.at().plusSeconds(1))).count();
            assertThat(inWindow).as("starts in the second from %s", start.at()).isLessThanOrEqualTo(5);
        }
        assertThat(sim.peakInFlight()).isLessThanOrEqualTo(2);
    }

    @Test
    void servesEveryRealtimeCallBeforeEachQueuedBulkCallThatHasNotStarted() throws Exception {
        sim.fault(new JsonObject().put("group", "odata").put("action", "latency").put("minMs", 100).put("maxMs", 150));
        ExecutorService bulkPool = Executors.newFixedThreadPool(200);
        ExecutorService realtimePool = Executors.newFixedThreadPool(5);
        try {
            for (int i = 0; i < 200; i++) {
                bulkPool.submit(() -> creatio.get(Lane.BULK, "Contact", UUID.randomUUID(), List.of("Id")));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> budget.queueLength(Lane.BULK) >= 190);
            int startedBefore = budget.recentStarts().size();
            List<UUID> realtimeIds = new ArrayList<>();
            List<Future<?>> realtime = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                UUID id = UUID.randomUUID();
                realtimeIds.add(id);
                realtime.add(realtimePool.submit(() -> creatio.get(Lane.REALTIME, "Contact", id, List.of("Id"))));
            }
            for (Future<?> call : realtime) {
                call.get(30, TimeUnit.SECONDS);
            }
            List<CallBudget.Start> starts = budget.recentStarts();
            List<CallBudget.Start> since = starts.subList(startedBefore, starts.size());
            int lastRealtime = -1;
            for (int i = 0; i < since.size(); i++) {
                if (since.get(i).lane() == Lane.REALTIME) {
                    lastRealtime = i;
                }
            }
            assertThat(since.stream().filter(s -> s.lane() == Lane.REALTIME).count()).isEqualTo(5);
            long bulkBetween = since.subList(0, lastRealtime + 1).stream().filter(s -> s.lane() == Lane.BULK).count();
            // at most the one bulk call that may have been granted between the snapshot and the real-time calls' arrival
            assertThat(bulkBetween).isLessThanOrEqualTo(1);
            Set<String> requested = sim.requests().stream().map(r -> r.getString("path")).collect(Collectors.toSet());
            realtimeIds.forEach(id -> assertThat(requested).anyMatch(path -> path.contains(id.toString())));
        } finally {
            realtimePool.shutdownNow();
            bulkPool.shutdown();
            // the bulk calls still queued give up after the profile's 6-second bulk wait
            assertThat(bulkPool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        }
    }
}
