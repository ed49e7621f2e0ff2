package com.nia.crmsync.syncapi.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.runs.RunKind;
import com.nia.crmsync.syncapi.runs.RunStatus;

/**
 * The sync's state read from the database: {@code crmsync.freshness} (per entity, seconds since
 * the oldest record still out of sync fell out of it; 0 when none is), {@code crmsync.pull.watermark.age}
 * (per entity, seconds since the incremental pull last caught up with Creatio; NaN before its first
 * cycle), {@code crmsync.run.progress} (per run kind, done / total of the runs under way; NaN when
 * none is) and {@code crmsync.runs} (runs finished, by kind and status). A few cheap queries (the
 * freshness one on a partial index) run every 5 seconds, at most 2 s each, off the scrape path: a
 * scrape only reads memory, and a failed read keeps the last values. Every sync-api replica reports
 * the same state, so dashboards and rules aggregate with {@code max}.
 */
@Startup
@ApplicationScoped
public class SyncGauges {

    /** How far back finished runs are looked for; a run is counted once, by its id. */
    private static final Duration RUN_WINDOW = Duration.ofMinutes(10);

    private final EntityManager em;
    private final MeterRegistry registry;
    private final Instant started = Instant.now();
    private final Map<EntityType, Instant> outOfSyncSince = new ConcurrentHashMap<>();
    private final Map<EntityType, Instant> lastPullCycle = new ConcurrentHashMap<>();
    private final Map<String, Double> progress = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> countedRuns = new HashMap<>();

    public SyncGauges(EntityManager em, MeterRegistry registry) {
        this.em = em;
        this.registry = registry;
        for (EntityType type : EntityType.values()) {
            Gauge.builder("crmsync.freshness", this, g -> g.ageOf(g.outOfSyncSince.get(type), 0))
                    .description("Age of the oldest record not yet synced (pending or in progress), 0 when none is")
                    .baseUnit("seconds").tag("entity", type.wire()).register(registry);
            Gauge.builder("crmsync.pull.watermark.age", this, g -> g.ageOf(g.lastPullCycle.get(type), Double.NaN))
                    .description("Time since the incremental pull last caught up with Creatio (NaN before its first cycle)")
                    .baseUnit("seconds").tag("entity", type.wire()).register(registry);
        }
        for (String kind : RunKind.ALL) {
            Gauge.builder("crmsync.run.progress", this, g -> g.progress.getOrDefault(kind, Double.NaN))
                    .description("Share of the records done in the runs under way (NaN when none is)")
                    .baseUnit("ratio").tag("kind", kind).register(registry);
            for (String status : List.of(RunStatus.COMPLETED, RunStatus.FAILED)) {
                runs(kind, status);
            }
        }
    }

    @Scheduled(every = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void refresh() {
        try {
            QuarkusTransaction.requiringNew().run(this::read);
        } catch (RuntimeException e) {
            Log.debugf("Sync gauges not refreshed: %s", e.getMessage());
        }
    }

    private void read() {
        em.createNativeQuery("SET LOCAL statement_timeout = 2000").executeUpdate();
        Map<EntityType, Instant> oldest = new HashMap<>();
        for (Object[] row : rows("SELECT entity_type, extract(epoch FROM min(pending_since)) * 1000 FROM creatio_sync"
                + " WHERE pending_since IS NOT NULL GROUP BY entity_type")) {
            known((String) row[0], type -> oldest.put(type, Instant.ofEpochMilli(((Number) row[1]).longValue())));
        }
        replace(outOfSyncSince, oldest);
        Map<EntityType, Instant> cycles = new HashMap<>();
        for (Object[] row : rows("SELECT entity_type, extract(epoch FROM last_cycle_at) * 1000 FROM pull_watermark"
                + " WHERE last_cycle_at IS NOT NULL")) {
            known((String) row[0], type -> cycles.put(type, Instant.ofEpochMilli(((Number) row[1]).longValue())));
        }
        replace(lastPullCycle, cycles);
        Map<String, Double> ratios = new HashMap<>();
        for (Object[] row : rows("SELECT kind, sum(done), sum(total) FROM sync_run WHERE status IN ('planning', 'running') GROUP BY kind")) {
            double total = ((Number) row[2]).doubleValue();
            ratios.put((String) row[0], total <= 0 ? 0 : Math.min(1, ((Number) row[1]).doubleValue() / total));
        }
        replace(progress, ratios);
        countFinishedRuns();
    }

    /** Counts each run that finished since this instance started, once (by id, within a sliding window). */
    private void countFinishedRuns() {
        Instant now = Instant.now();
        Instant from = started.isAfter(now.minus(RUN_WINDOW)) ? started : now.minus(RUN_WINDOW);
        List<?> finished = em.createNativeQuery("SELECT id, kind, status FROM sync_run WHERE status IN ('completed', 'failed')"
                + " AND finished_at >= ?1").setParameter(1, from).getResultList();
        for (Object o : finished) {
            Object[] row = (Object[]) o;
            if (countedRuns.putIfAbsent((UUID) row[0], now) == null) {
                runs((String) row[1], (String) row[2]).increment();
            }
        }
        countedRuns.values().removeIf(counted -> counted.isBefore(now.minus(RUN_WINDOW.multipliedBy(2))));
    }

    private Counter runs(String kind, String status) {
        return Counter.builder("crmsync.runs").description("Runs finished, by kind and status")
                .tag("kind", kind).tag("status", status).register(registry);
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return em.createNativeQuery(sql).getResultList();
    }

    private static void known(String wire, Consumer<EntityType> use) {
        try {
            use.accept(EntityType.fromWire(wire));
        } catch (IllegalArgumentException unknown) {
            // a type this version does not know: not reported
        }
    }

    private static <K, V> void replace(Map<K, V> target, Map<K, V> fresh) {
        target.keySet().retainAll(fresh.keySet());
        target.putAll(fresh);
    }

    private double ageOf(Instant since, double none) {
        return since == null ? none : Math.max(0, Duration.between(since, Instant.now()).toMillis() / 1000.0);
    }
}
