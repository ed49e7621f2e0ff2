package com.nia.crmsync.messaging.inbox;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes processed-message rows older than {@code crm-sync.inbox.retention} ({@link InboxConfig}),
 * a batch per transaction. The retention must exceed the longest time Kafka may still redeliver an
 * event (the topics' retention, Kafka's default 7 days; docs/kafka.md): an event redelivered after
 * its row is gone would be applied again. Two replicas purging at once only share the work.
 */
@ApplicationScoped
public class ProcessedMessagesRetention {

    private final EntityManager em;
    private final Duration retention;
    private final int batchSize;

    public ProcessedMessagesRetention(EntityManager em, InboxConfig config) {
        this.em = em;
        this.retention = config.retention();
        this.batchSize = Math.max(1, config.purgeBatchSize());
    }

    @Scheduled(every = "${crm-sync.inbox.purge-every:1h}", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduledPurge() {
        int deleted = purge(Instant.now().minus(retention));
        if (deleted > 0) {
            Log.infof("Purged %d processed-message rows older than %s", deleted, retention);
        }
    }

    /** Deletes every row processed before {@code cutoff}, batch by batch; returns how many. */
    public int purge(Instant cutoff) {
        int total = 0;
        while (true) {
            int deleted = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                    "DELETE FROM processed_message WHERE ctid IN (SELECT ctid FROM processed_message WHERE processed_at < ?1"
                            + " LIMIT ?2 FOR UPDATE SKIP LOCKED)")
                    .setParameter(1, Timestamp.from(cutoff))
                    .setParameter(2, batchSize)
                    .executeUpdate());
            total += deleted;
            if (deleted < batchSize) {
                return total;
            }
        }
    }
}
