package com.nia.crmsync.syncapi.results;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.result.Outcome;

/**
 * The sync's event metrics, recorded where results are applied: {@code crmsync.sync.results}
 * (results by entity, lane and outcome), {@code crmsync.sync.latency} (a histogram of the time
 * from a record falling out of sync — the NIA change or the meeting event that planned it — to
 * the result that brought it back in agreement) and {@code crmsync.retries.scheduled} (retries
 * planned by entity; registered at 0 for every entity at startup, so rate queries have a series).
 * Tags are bounded sets (wire names of enums), never ids. Inside a transaction, a figure is
 * recorded when it commits: results applied together in a transaction that rolls back are applied
 * again one by one, and must not count twice.
 */
@Startup
@ApplicationScoped
public class SyncMetrics {

    /** The longest latency the histogram's buckets distinguish; slower syncs fall in the last bucket. */
    private static final Duration LATENCY_MAX = Duration.ofHours(2);

    private final MeterRegistry registry;
    private final TransactionSynchronizationRegistry transactions;

    public SyncMetrics(MeterRegistry registry, TransactionSynchronizationRegistry transactions) {
        this.registry = registry;
        this.transactions = transactions;
        for (EntityType entity : EntityType.values()) {
            retries(entity);
        }
    }

    /** One applied result of a (non dry-run) command. */
    public void result(EntityType entity, Lane lane, Outcome outcome) {
        Counter counter = Counter.builder("crmsync.sync.results").description("Sync results applied, by entity, lane and outcome")
                .tag("entity", entity.wire()).tag("lane", lane(lane)).tag("outcome", outcome.wire())
                .register(registry);
        afterCommit(counter::increment);
    }

    /** A record back in agreement {@code latency} after it fell out of sync. */
    public void latency(EntityType entity, Lane lane, Duration latency) {
        Timer timer = Timer.builder("crmsync.sync.latency")
                .description("Time from a record falling out of sync (NIA change, meeting event) to the result that settled it")
                .tag("entity", entity.wire()).tag("lane", lane(lane))
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(LATENCY_MAX)
                .register(registry);
        Duration recorded = latency.isNegative() ? Duration.ZERO : latency;
        afterCommit(() -> timer.record(recorded));
    }

    /** A retry of a record planned for later (back-off, or a pause while the Creatio budget is spent). */
    public void retryScheduled(EntityType entity) {
        Counter counter = retries(entity);
        afterCommit(counter::increment);
    }

    /** Runs {@code record} when the current transaction commits (never when it rolls back), or now outside one. */
    private void afterCommit(Runnable record) {
        if (transactions.getTransactionKey() == null) {
            record.run();
            return;
        }
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            return; // marked for rollback: it will not commit
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    record.run();
                }
            }
        });
    }

    private Counter retries(EntityType entity) {
        return Counter.builder("crmsync.retries.scheduled").description("Retries scheduled, by entity")
                .tag("entity", entity.wire()).register(registry);
    }

    private static String lane(Lane lane) {
        return lane == null ? "none" : lane.wire();
    }
}
