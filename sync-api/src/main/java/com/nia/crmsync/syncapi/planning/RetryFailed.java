package com.nia.crmsync.syncapi.planning;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.nia.crmsync.model.entity.EntityType;

/**
 * Re-queues {@code failed} records: retry count 0, status {@code pending}, due now, and a new command
 * id on the next plan (the failed command's results are already recorded under its id). The
 * {@link RetryScheduler} plans them on its next run, on the bulk lane's usual back-off path. A
 * record that failed because it waited too long ({@link MeetingDependencies#GAVE_UP}) goes back to
 * waiting instead, with a new wait limit: {@link MeetingDependencies} plans it once nothing is missing.
 */
@ApplicationScoped
public class RetryFailed {

    private final EntityManager em;

    public RetryFailed(EntityManager em) {
        this.em = em;
    }

    /**
     * Re-queues the failed records of {@code typeOrNull} (all types when null), only
     * {@code idsOrNull} (NIA ids) when given, as part of run {@code runId} (may be null); returns how many.
     */
    @Transactional
    public int retryFailed(EntityType typeOrNull, List<UUID> idsOrNull, UUID runId) {
        if (idsOrNull != null && idsOrNull.isEmpty()) {
            return 0;
        }
        StringBuilder sql = new StringBuilder("UPDATE creatio_sync SET status = 'pending', retry_count = 0, "
                + "next_retry_at = CASE WHEN last_error LIKE :gaveUp THEN NULL ELSE CAST(:now AS TIMESTAMPTZ) END, "
                + "last_error = CASE WHEN last_error LIKE :gaveUp THEN :requeued ELSE last_error END, waiting_since = NULL, "
                + "fresh_command = TRUE, dead_lettered_at = NULL, updated_at = :now");
        if (runId != null) {
            sql.append(", run_id = :run");
        }
        sql.append(" WHERE status = 'failed'");
        if (typeOrNull != null) {
            sql.append(" AND entity_type = :type");
        }
        if (idsOrNull != null) {
            sql.append(" AND local_id IN (:ids)");
        }
        Query q = em.createNativeQuery(sql.toString())
                .setParameter("now", Timestamp.from(Instant.now()))
                .setParameter("gaveUp", MeetingDependencies.GAVE_UP + "%")
                .setParameter("requeued", MeetingDependencies.WAITING + "re-queued by retry-failed");
        if (runId != null) {
            q.setParameter("run", runId);
        }
        if (typeOrNull != null) {
            q.setParameter("type", typeOrNull.wire());
        }
        if (idsOrNull != null) {
            q.setParameter("ids", idsOrNull);
        }
        return q.executeUpdate();
    }
}
