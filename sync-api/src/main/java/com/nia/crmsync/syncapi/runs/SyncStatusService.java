package com.nia.crmsync.syncapi.runs;

import static com.nia.crmsync.syncapi.repository.NativeValues.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.nia.crmsync.model.gateway.GatewayStatus;
import com.nia.crmsync.syncapi.gateway.GatewayClient;
import com.nia.crmsync.syncapi.gateway.GatewayProblemException;
import com.nia.crmsync.syncapi.planning.SyncRunRepository;
import com.nia.crmsync.syncapi.planning.SyncRunRepository;

/**
 * The sync overview, from the database ({@code creatio_sync} grouped by type and status,
 * {@code sync_log} durations, {@code sync_run}) and the gateway's status (the quota). The gateway
 * is asked outside the transaction; when it cannot answer, the rest is answered anyway.
 */
@ApplicationScoped
public class SyncStatusService {

    private static final int FAILURES_SHOWN = 20;
    private static final int OPEN_RUNS_SHOWN = 10;

    private final EntityManager em;
    private final SyncRunRepository runs;
    private final GatewayClient gateway;
    private final RunsConfig config;

    public SyncStatusService(EntityManager em, SyncRunRepository runs, GatewayClient gateway, RunsConfig config) {
        this.em = em;
        this.runs = runs;
        this.gateway = gateway;
        this.config = config;
    }

    public SyncStatusView status() {
        SyncStatusView fromDatabase = QuarkusTransaction.requiringNew().call(this::fromDatabase);
        return new SyncStatusView(fromDatabase.byStatus(), fromDatabase.byEntity(), fromDatabase.successRate(), fromDatabase.timings(),
                fromDatabase.lastRun(), fromDatabase.currentRuns(), fromDatabase.recentFailures(), fromDatabase.conflicts(), quota(),
                Instant.now());
    }

    private SyncStatusView fromDatabase() {
        Map<String, Long> byStatus = new TreeMap<>();
        Map<String, Map<String, Long>> byEntity = new TreeMap<>();
        for (Object[] row : rows(em.createNativeQuery("SELECT entity_type, status, count(*) FROM creatio_sync GROUP BY entity_type, status"))) {
            long n = ((Number) row[2]).longValue();
            byStatus.merge((String) row[1], n, Long::sum);
            byEntity.computeIfAbsent((String) row[0], k -> new TreeMap<>()).put((String) row[1], n);
        }
        long synced = byStatus.getOrDefault("synced", 0L);
        long failed = byStatus.getOrDefault("failed", 0L);
        Double successRate = synced + failed == 0 ? null : (double) synced / (synced + failed);

        Object[] t = rows(em.createNativeQuery("SELECT count(*), avg(duration_ms), percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms)"
                + " FROM (SELECT duration_ms FROM sync_log WHERE duration_ms IS NOT NULL ORDER BY occurred_at DESC LIMIT ?1) recent")
                .setParameter(1, config.timingWindow())).get(0);
        Object lastSynced = em.createNativeQuery("SELECT max(last_synced_at) FROM creatio_sync").getSingleResult();
        SyncStatusView.Timings timings = new SyncStatusView.Timings(((Number) t[0]).longValue(), number(t[1]), number(t[2]),
                instant(lastSynced));

        RunView lastRun = runs.find("status in ('completed', 'failed') order by coalesce(finishedAt, createdAt) desc")
                .firstResultOptional().map(RunView::of).orElse(null);
        List<RunView> current = runs.find("status in ('queued', 'planning', 'running') order by createdAt desc")
                .page(0, OPEN_RUNS_SHOWN).list().stream().map(RunView::of).toList();

        List<SyncStatusView.Failure> failures = new ArrayList<>();
        for (Object[] row : rows(em.createNativeQuery("SELECT entity_type, local_id, last_error, retry_count, next_retry_at, updated_at"
                + " FROM creatio_sync WHERE status = 'failed' ORDER BY updated_at DESC LIMIT ?1").setParameter(1, FAILURES_SHOWN))) {
            failures.add(new SyncStatusView.Failure((String) row[0], (UUID) row[1], (String) row[2], ((Number) row[3]).intValue(),
                    instant(row[4]), instant(row[5])));
        }
        return new SyncStatusView(byStatus, byEntity, successRate, timings, lastRun, current, failures,
                byStatus.getOrDefault("conflict", 0L), null, null);
    }

    private SyncStatusView.Quota quota() {
        try {
            GatewayStatus status = gateway.status();
            GatewayStatus.Quota q = status.quota();
            if (q == null) {
                return SyncStatusView.Quota.unavailable("creatio-gateway reported no quota");
            }
            return new SyncStatusView.Quota(true, null, q.day(), q.used(), q.dailyQuota(), q.remaining(), q.bulkStopsAt(), q.realtimeStopsAt());
        } catch (GatewayProblemException e) {
            return SyncStatusView.Quota.unavailable(e.getMessage() + " (" + e.code() + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(jakarta.persistence.Query query) {
        return query.getResultList();
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
