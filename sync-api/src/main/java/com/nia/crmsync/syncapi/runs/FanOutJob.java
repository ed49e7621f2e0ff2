package com.nia.crmsync.syncapi.runs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.context.ManagedExecutor;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.planning.SyncPlanner;

/**
 * Fans a run out into per-record commands in the background — a {@code sync_all}, or a resync
 * request from Kafka — : the selected non-deleted records of its types (all, given ids, or those
 * modified since a time), in id order, a batch of records per transaction (a {@code sync_all}:
 * {@link RunsConfig#planBatchSize()}; a resync request: the configuration's
 * {@code batchSizes.resyncFanOutBatch}), each through {@link SyncPlanner} on the bulk lane with
 * the run's id. Every batch adds its commands to
 * {@code total} and its left-out records to {@code skipped} and moves {@code heartbeat_at} in the
 * same transaction as its commands, so the counts always match the outbox. A run survives a
 * restart only as its row: {@link RunHousekeeping} marks a run whose planning stopped failed.
 */
@ApplicationScoped
public class FanOutJob {

    private final ManagedExecutor executor;
    private final EntityManager em;
    private final SyncPlanner planner;
    private final RunRows rows;
    private final RunsConfig config;

    public FanOutJob(ManagedExecutor executor, EntityManager em, SyncPlanner planner, RunRows rows, RunsConfig config) {
        this.executor = executor;
        this.em = em;
        this.planner = planner;
        this.rows = rows;
        this.config = config;
    }

    /**
     * Which records a run covers and how they are planned.
     *
     * @param types         the entity types, in order
     * @param ids           only these NIA ids (of the one type), or null for every record
     * @param modifiedSince only records changed since then (NIA's {@code updated_at}, or Creatio's last known
     *                      {@code ModifiedOn}), or null
     * @param way           the direction
     * @param force         plan even unchanged records
     * @param dryRun        plan only
     * @param batchSize     records per transaction
     */
    record Selection(List<EntityType> types, List<UUID> ids, Instant modifiedSince, SyncPlanner.Way way, boolean force,
            boolean dryRun, int batchSize) {
    }

    /** A {@code sync_all}'s selection: every record of the types, both ways, in the configured plan batches. */
    Selection syncAll(List<EntityType> types, boolean force, boolean dryRun) {
        return new Selection(types, null, null, SyncPlanner.Way.BOTH, force, dryRun, config.planBatchSize());
    }

    /** Starts planning a committed, queued run on a worker thread; returns at once. */
    void start(UUID runId, Selection selection) {
        executor.runAsync(() -> plan(runId, selection));
    }

    /** Plans the run; a run some other thread or instance took, or the sweep failed, is left alone. */
    void plan(UUID runId, Selection selection) {
        boolean mine = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "UPDATE sync_run SET status = 'planning', started_at = now(), heartbeat_at = now() WHERE id = ?1 AND status = 'queued'")
                .setParameter(1, runId).executeUpdate() == 1);
        if (!mine) {
            return;
        }
        try {
            int commands = 0;
            for (EntityType type : selection.types()) {
                UUID after = null;
                while (true) {
                    UUID from = after;
                    Batch batch = QuarkusTransaction.requiringNew().call(() -> planBatch(runId, type, from, selection));
                    commands += batch.commands();
                    if (batch.last() == null) {
                        break;
                    }
                    after = batch.last();
                }
            }
            QuarkusTransaction.requiringNew().run(() -> rows.planned(runId, 0, 0));
            Log.infof("Run %s planned %d command(s)", runId, commands);
        } catch (StoppedRun stopped) {
            Log.warnf("Run %s stopped planning: it is no longer planning (marked failed meanwhile)", runId);
        } catch (RuntimeException e) {
            Log.errorf(e, "Run %s failed while planning", runId);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                    "UPDATE sync_run SET status = 'failed', finished_at = now(), error = ?2 WHERE id = ?1 AND status = 'planning'")
                    .setParameter(1, runId).setParameter(2, "planning failed: " + e.getClass().getSimpleName()).executeUpdate());
        }
    }

    /** What one batch did; {@code last} is the last id read, null when there were no more records. */
    private record Batch(int commands, UUID last) {
    }

    private Batch planBatch(UUID runId, EntityType type, UUID after, Selection selection) {
        String table = type == EntityType.LEAD ? "lead" : "contact";
        StringBuilder sql = new StringBuilder("SELECT r.id FROM " + table + " r WHERE NOT r.deleted");
        if (after != null) {
            sql.append(" AND r.id > :after");
        }
        if (selection.ids() != null) {
            sql.append(" AND r.id IN (:ids)");
        }
        if (selection.modifiedSince() != null) {
            sql.append(" AND (r.updated_at >= :since OR EXISTS (SELECT 1 FROM creatio_sync s WHERE s.entity_type = :type"
                    + " AND s.local_id = r.id AND s.creatio_modified_on >= :since))");
        }
        sql.append(" ORDER BY r.id LIMIT :limit");
        var query = em.createNativeQuery(sql.toString(), UUID.class).setParameter("limit", selection.batchSize());
        if (after != null) {
            query.setParameter("after", after);
        }
        if (selection.ids() != null) {
            query.setParameter("ids", selection.ids());
        }
        if (selection.modifiedSince() != null) {
            query.setParameter("since", Timestamp.from(selection.modifiedSince())).setParameter("type", type.wire());
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        if (ids.isEmpty()) {
            return new Batch(0, null);
        }
        List<SyncPlanner.Planned> planned;
        if (selection.dryRun()) {
            // a dry run reads without locking and changes no sync state: record by record, as before
            planned = new ArrayList<>(ids.size());
            for (UUID id : ids) {
                planned.add(planner.plan(new SyncPlanner.Request(type, id, Lane.BULK, runId, selection.way(), selection.force(), true)));
                // each native query flushes, and a flush dirty-checks every managed entity (their JSON columns by
                // serialising them): without this a batch of 500 records cost O(n^2) (docs/performance.md)
                em.flush();
                em.clear();
            }
        } else {
            // the batch's records and sync states locked with a query each, its commands flushed together
            planned = planner.planAll(type, ids, Lane.BULK, runId, selection.way(), selection.force());
            em.flush();
            em.clear();
        }
        int commands = 0;
        int skipped = 0;
        for (SyncPlanner.Planned p : planned) {
            if (p == SyncPlanner.Planned.COMMAND || p == SyncPlanner.Planned.DEFERRED) {
                // deferred: its in-flight command's follow-up carries this run and answers for it
                commands++;
            } else {
                skipped++;
            }
        }
        // results of earlier batches may have counted the run complete already (done reached the total so far): it is
        // planning again; only a run the housekeeping marked failed stops the job
        int updated = em.createNativeQuery("UPDATE sync_run SET total = total + ?2, skipped = skipped + ?3, heartbeat_at = now(),"
                + " status = 'planning', finished_at = NULL WHERE id = ?1 AND status <> 'failed'")
                .setParameter(1, runId).setParameter(2, commands).setParameter(3, skipped).executeUpdate();
        if (updated == 0) {
            // the run was marked failed (stale) meanwhile: roll this batch's commands back and stop
            throw new StoppedRun();
        }
        return new Batch(commands, ids.size() < selection.batchSize() ? null : ids.get(ids.size() - 1));
    }

    /** The run left {@code planning} while this job worked on it. */
    private static final class StoppedRun extends RuntimeException {
        StoppedRun() {
            super(null, null, false, false);
        }
    }
}
