package com.nia.crmsync.syncapi.runs;

import static java.net.HttpURLConnection.HTTP_BAD_REQUEST;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.syncapi.planning.SyncRunRepository;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * Rows of {@code sync_run} written by this package, in SQL so that counters only ever move by
 * increments (results of the run's commands move {@code done} and the outcomes concurrently).
 */
@ApplicationScoped
class RunRows {

    /** A run as created by a trigger: new, or the one an earlier call with the same key created. */
    record Created(UUID id, boolean isNew) {
    }

    private final EntityManager em;
    private final SyncRunRepository runs;

    RunRows(EntityManager em, SyncRunRepository runs) {
        this.em = em;
        this.runs = runs;
    }

    /**
     * Inserts a run, or finds the one an earlier call with the same idempotency key created. The
     * unique key decides a race: a concurrent insert with the same key waits for the first
     * transaction and then inserts nothing. A key reused for another kind or other parameters
     * is refused (422).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Created create(String kind, String requestedBy, Map<String, Object> params, boolean dryRun, String idempotencyKey) {
        return create(UUID.randomUUID(), kind, requestedBy, params, dryRun, idempotencyKey);
    }

    /**
     * Inserts a run with a given id (derived from what caused it, e.g. a resync request's event id),
     * or finds the one already created with that id or key (a redelivery): new only once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Created create(UUID id, String kind, String requestedBy, Map<String, Object> params, boolean dryRun, String idempotencyKey) {
        if (em.createNativeQuery("SELECT 1 FROM sync_run WHERE id = ?1").setParameter(1, id).getResultList().size() == 1) {
            return new Created(id, false);
        }
        String key = scopedKey(requestedBy, idempotencyKey);
        String paramsJson = Json.write(params);
        int inserted = em.createNativeQuery("INSERT INTO sync_run (id, kind, status, requested_by, params, dry_run, idempotency_key, created_at)"
                + " VALUES (?1, ?2, ?3, ?4, CAST(?5 AS jsonb), ?6, ?7, ?8) ON CONFLICT DO NOTHING")
                .setParameter(1, id).setParameter(2, kind).setParameter(3, RunStatus.QUEUED).setParameter(4, requestedBy)
                .setParameter(5, paramsJson).setParameter(6, dryRun).setParameter(7, key).setParameter(8, Timestamp.from(Instant.now()))
                .executeUpdate();
        if (inserted == 1) {
            return new Created(id, true);
        }
        if (key == null) {
            // a concurrent insert of the same id
            return new Created(id, false);
        }
        SyncRunRepository.Keyed earlier = runs.byIdempotencyKey(key, kind, paramsJson, dryRun)
                .orElseThrow(() -> new IllegalStateException("sync_run with idempotency key vanished"));
        if (!earlier.sameRequest()) {
            throw new ProblemException(422, "Idempotency-Key reused",
                    "This Idempotency-Key started another kind of run or one with other parameters", List.of());
        }
        return new Created(earlier.id(), false);
    }

    /** Planning of a run with {@code total} commands and {@code skipped} records left out ended: running, or completed when nothing waits. */
    @Transactional(Transactional.TxType.MANDATORY)
    void planned(UUID id, int total, int skipped) {
        em.createNativeQuery("UPDATE sync_run SET total = total + ?2, skipped = skipped + ?3,"
                + " started_at = coalesce(started_at, now()), heartbeat_at = now(),"
                + " status = CASE WHEN done >= total + ?2 THEN 'completed' ELSE 'running' END,"
                + " finished_at = CASE WHEN done >= total + ?2 THEN now() END WHERE id = ?1 AND status <> 'failed'")
                .setParameter(1, id).setParameter(2, total).setParameter(3, skipped).executeUpdate();
    }

    private static String scopedKey(String requestedBy, String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 200) {
            throw new ProblemException(HTTP_BAD_REQUEST, "Invalid Idempotency-Key",
                    "The Idempotency-Key header must hold 1 to 200 characters", List.of());
        }
        // keys are one person's: another user's identical key starts a run of its own
        return requestedBy + "/" + key;
    }
}
