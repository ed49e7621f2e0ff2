package com.nia.crmsync.syncapi.runs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.nia.crmsync.model.gateway.GatewayStatus;
import com.nia.crmsync.syncapi.gateway.GatewayClient;
import com.nia.crmsync.syncapi.gateway.GatewayProblemException;
import com.nia.crmsync.syncapi.planning.SyncRunRepository;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.results.SyncLogRepository;

/**
 * The sync overview, from the database ({@code creatio_sync} grouped by type and status,
 * {@code sync_log} durations, {@code sync_run}) and the gateway's status (the quota). The gateway
 * is asked outside the transaction; when it cannot answer, the rest is answered anyway.
 */
@ApplicationScoped
public class SyncStatusService {

    private static final int FAILURES_SHOWN = 20;
    private static final int OPEN_RUNS_SHOWN = 10;

    private final CreatioSyncRepository syncs;
    private final SyncLogRepository log;
    private final SyncRunRepository runs;
    private final GatewayClient gateway;
    private final RunsConfig config;

    public SyncStatusService(CreatioSyncRepository syncs, SyncLogRepository log, SyncRunRepository runs, GatewayClient gateway,
            RunsConfig config) {
        this.syncs = syncs;
        this.log = log;
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
        for (CreatioSyncRepository.StatusCount row : syncs.countByTypeAndStatus()) {
            byStatus.merge(row.status(), row.count(), Long::sum);
            byEntity.computeIfAbsent(row.entityType(), k -> new TreeMap<>()).put(row.status(), row.count());
        }
        long synced = byStatus.getOrDefault("synced", 0L);
        long failed = byStatus.getOrDefault("failed", 0L);
        Double successRate = synced + failed == 0 ? null : (double) synced / (synced + failed);

        SyncLogRepository.Durations d = log.recentDurations(config.timingWindow());
        SyncStatusView.Timings timings = new SyncStatusView.Timings(d.sampleSize(), d.averageMillis(), d.p95Millis(),
                syncs.lastSyncedAt());

        RunView lastRun = runs.find("status in ('completed', 'failed') order by coalesce(finishedAt, createdAt) desc")
                .firstResultOptional().map(RunView::of).orElse(null);
        List<RunView> current = runs.find("status in ('queued', 'planning', 'running') order by createdAt desc")
                .page(0, OPEN_RUNS_SHOWN).list().stream().map(RunView::of).toList();

        List<SyncStatusView.Failure> failures = syncs.latestFailed(FAILURES_SHOWN).stream().map(f -> new SyncStatusView.Failure(
                f.entityType(), f.localId(), f.lastError(), f.retryCount(), f.nextRetryAt(), f.updatedAt())).toList();
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
}
