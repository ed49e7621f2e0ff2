package com.nia.crmsync.conflict.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

import com.nia.crmsync.model.mismatch.MismatchType;

/**
 * {@code crmsync.conflicts.pending}: the conflicts waiting for a person, per conflict type (every
 * type reported, 0 when none waits). One query on the status index every 5 seconds, at most 2 s,
 * off the scrape path: a scrape only reads memory, and a failed read keeps the last values. Every
 * replica reports the same numbers, so dashboards and rules aggregate with {@code max}.
 */
@Startup
@ApplicationScoped
public class ConflictGauges {

    private final EntityManager em;
    private final Map<String, Long> pending = new ConcurrentHashMap<>();

    public ConflictGauges(EntityManager em, MeterRegistry registry) {
        this.em = em;
        for (MismatchType type : MismatchType.values()) {
            Gauge.builder("crmsync.conflicts.pending", this, g -> g.pending.getOrDefault(type.wire(), 0L))
                    .description("Conflicts waiting for a person's decision, by type")
                    .tag("type", type.wire()).register(registry);
        }
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    @SuppressWarnings("unchecked")
    void refresh() {
        try {
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> {
                em.createNativeQuery("SET LOCAL statement_timeout = 2000").executeUpdate();
                return em.createNativeQuery("SELECT conflict_type, count(*) FROM sync_conflict WHERE status = 'pending'"
                        + " GROUP BY conflict_type").getResultList();
            });
            Map<String, Long> fresh = new HashMap<>();
            rows.forEach(row -> fresh.put((String) row[0], ((Number) row[1]).longValue()));
            pending.keySet().retainAll(fresh.keySet());
            pending.putAll(fresh);
        } catch (RuntimeException e) {
            Log.debugf("Conflict gauges not refreshed: %s", e.getMessage());
        }
    }
}
