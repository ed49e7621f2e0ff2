package com.nia.crmsync.syncapi.results;

import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes sync-log entries older than {@code sync-api.log.retention}, a batch per transaction so a
 * large purge never holds long locks. Two replicas purging at once only share the work.
 */
@ApplicationScoped
public class SyncLogRetention {

    private final EntityManager em;
    private final SyncLogConfig config;

    public SyncLogRetention(EntityManager em, SyncLogConfig config) {
        this.em = em;
        this.config = config;
    }

    @Scheduled(every = "${sync-api.log.purge-every:1h}", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        int deleted = purge(Instant.now().minus(config.retention()));
        if (deleted > 0) {
            Log.infof("Purged %d sync log entries older than %s", deleted, config.retention());
        }
    }

    /** Deletes every entry that occurred before {@code cutoff}, batch by batch; returns how many. */
    public int purge(Instant cutoff) {
        int total = 0;
        int batch = Math.max(1, config.purgeBatchSize());
        while (true) {
            int deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "DELETE FROM sync_log WHERE id IN (SELECT id FROM sync_log WHERE occurred_at < ?1 LIMIT ?2 FOR UPDATE SKIP LOCKED)")
                    .setParameter(1, Timestamp.from(cutoff))
                    .setParameter(2, batch)
                    .executeUpdate());
            total += deleted;
            if (deleted < batch) {
                return total;
            }
        }
    }
}
