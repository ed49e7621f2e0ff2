package com.nia.crmsync.messaging.outbox;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

/**
 * The outbox's gauges: {@code crmsync.outbox.backlog} (messages waiting to be relayed) and
 * {@code crmsync.outbox.oldest.age} (seconds since the oldest of them was written; 0 when none
 * waits). Both are read from one query on the outbox table every 5 seconds (at most 2 s each), off
 * the scrape path, so a scrape never waits for the database; a failed read keeps the last values.
 */
@Startup
@ApplicationScoped
public class OutboxMetrics {

    private final EntityManager em;
    private volatile long backlog;
    private volatile Instant oldest;

    public OutboxMetrics(EntityManager em, MeterRegistry registry) {
        this.em = em;
        Gauge.builder("crmsync.outbox.backlog", this, m -> m.backlog)
                .description("Messages in the outbox waiting to be relayed to Kafka").register(registry);
        Gauge.builder("crmsync.outbox.oldest.age", this, OutboxMetrics::oldestAgeSeconds).baseUnit("seconds")
                .description("Age of the oldest message waiting in the outbox (0 when it is empty)").register(registry);
    }

    /** Reads the backlog: a count and the oldest row by its primary key (the relay's own order). */
    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("SET LOCAL statement_timeout = 2000").executeUpdate();
                return (Object[]) em.createNativeQuery("SELECT count(*),"
                        + " (SELECT extract(epoch FROM created_at) * 1000 FROM outbox_event ORDER BY id LIMIT 1) FROM outbox_event")
                        .getSingleResult();
            });
            backlog = ((Number) row[0]).longValue();
            oldest = row[1] == null ? null : Instant.ofEpochMilli(((Number) row[1]).longValue());
        } catch (RuntimeException e) {
            Log.debugf("Outbox gauges not refreshed: %s", e.getMessage());
        }
    }

    private double oldestAgeSeconds() {
        Instant since = oldest;
        return since == null ? 0 : Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
}
