package com.nia.crmsync.syncapi.planning;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;

import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.SyncStatus;

/**
 * Plans records again when their time has come: {@code pending} rows whose {@code next_retry_at}
 * is due (a transient failure's back-off, a budget pause, retry-failed), and {@code in_progress}
 * rows whose result has not come for {@code sync-api.sync.stale-after} (the command was
 * dead-lettered as poison or lost). The rows are picked with {@code FOR UPDATE SKIP LOCKED}, so two
 * replicas never plan the same row twice, and a waiting record never holds up anything: the retry
 * is a new outbox message, not a consumer pausing on a partition.
 */
@ApplicationScoped
public class RetryScheduler {

    private final EntityManager em;
    private final SyncPlanner planner;
    private final SyncConfig config;
    private final ConfigurationService configuration;

    public RetryScheduler(EntityManager em, SyncPlanner planner, SyncConfig config, ConfigurationService configuration) {
        this.em = em;
        this.planner = planner;
        this.config = config;
        this.configuration = configuration;
    }

    @Scheduled(every = "${sync-api.sync.scheduler.every:5s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            int planned = planDue(config.scheduler().batchSize());
            if (planned > 0) {
                Log.debugf("Planned %d due record(s) again", planned);
            }
        } catch (RuntimeException e) {
            Log.warnf("Retry scheduler run failed (next run retries): %s", e.getMessage());
        }
    }

    /** Picks up to {@code limit} due rows, locked and skipped by any other transaction, and plans each again; returns how many. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int planDue(int limit) {
        Instant now = Instant.now();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("SELECT id FROM creatio_sync "
                + "WHERE (status = 'pending' AND next_retry_at <= ?1) OR (status = 'in_progress' AND planned_at < ?2) "
                + "ORDER BY next_retry_at NULLS FIRST, id LIMIT ?3 FOR UPDATE SKIP LOCKED")
                .setParameter(1, Timestamp.from(now))
                .setParameter(2, Timestamp.from(now.minus(config.staleAfter())))
                .setParameter(3, limit)
                .getResultList();
        int planned = 0;
        for (Number id : ids) {
            CreatioSync row = em.find(CreatioSync.class, id.longValue());
            if (row.syncStatus() == SyncStatus.IN_PROGRESS && !stale(row)) {
                continue;
            }
            if (row.syncStatus() == SyncStatus.IN_PROGRESS) {
                // no result in time counts as a failed attempt, or a poison command would loop forever
                row.retryCount++;
                int limitOfRow = row.maxRetries != null ? row.maxRetries : configuration.current().configuration().defaultMaxRetries();
                if (row.retryCount > limitOfRow) {
                    row.syncStatus(SyncStatus.FAILED);
                    row.lastError = "transient: no result within " + config.staleAfter() + " after " + row.retryCount + " attempts";
                    row.pendingCommandId = null;
                    row.nextRetryAt = null;
                    row.updatedAt = now;
                    continue;
                }
            }
            planner.retry(row);
            planned++;
            // keep the persistence context small: every native query's auto-flush dirty-checks it (see FanOutJob)
            em.flush();
            em.clear();
        }
        return planned;
    }

    private boolean stale(CreatioSync row) {
        return row.plannedAt != null && row.plannedAt.isBefore(Instant.now().minus(config.staleAfter()));
    }
}
