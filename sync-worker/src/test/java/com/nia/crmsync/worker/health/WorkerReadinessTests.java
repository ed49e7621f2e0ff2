package com.nia.crmsync.worker.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * A record delivered to a command consumer before its startup switch-out (the connector may assign
 * partitions and poll before it) is not abandoned: it waits until the self-check passed, then it is
 * handled. Abandoned (neither acknowledged nor revoked), it failed the whole channel after the commit
 * strategy's unprocessed-record limit — the bulk lane of a restarted worker stopped for good.
 */
class WorkerReadinessTests {

    private static final ReadinessConfig CONFIG = new ReadinessConfig() {
        @Override
        public boolean selfCheck() {
            return true;
        }

        @Override
        public Duration hold() {
            return Duration.ofMillis(200);
        }

        @Override
        public Duration probeMin() {
            return Duration.ofMillis(50);
        }

        @Override
        public Duration probeMax() {
            return Duration.ofMillis(100);
        }
    };

    @Test
    void aRecordDeliveredBeforeTheSwitchOutWaitsForTheSelfCheckInsteadOfBeingAbandoned() throws Exception {
        AtomicBoolean dependenciesUp = new AtomicBoolean(false);
        // no Kafka client service: the consumer never appears, so the switch-out keeps being retried
        WorkerReadiness readiness = new WorkerReadiness(null, null, CONFIG, new SimpleMeterRegistry(), "sync-worker") {
            @Override
            void probeDependencies() {
                if (!dependenciesUp.get()) {
                    throw new IllegalStateException("gateway down");
                }
            }
        };
        try {
            readiness.onStart(null);
            readiness.leaveUntilSelfChecked();

            CompletableFuture<Boolean> delivered = CompletableFuture.supplyAsync(() -> readiness.awaitReady("commands-bulk-in"));
            TimeUnit.MILLISECONDS.sleep(800);
            assertThat(delivered).as("not given up while its partition may still be this instance's").isNotDone();
            assertThat(readiness.ready()).isFalse();

            dependenciesUp.set(true);
            assertThat(delivered.get(10, TimeUnit.SECONDS)).as("handled once the self-check passed").isTrue();
            assertThat(readiness.ready()).isTrue();
        } finally {
            readiness.onStop(null);
        }
    }
}
