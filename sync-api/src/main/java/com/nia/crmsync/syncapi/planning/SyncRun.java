package com.nia.crmsync.syncapi.planning;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One run ({@code sync_run}): a {@code sync_all}, a {@code sync-lead}, a {@code retry-failed} or a
 * resync request, with its progress counted from the results of its commands.
 */
@Entity
@Table(name = "sync_run")
public class SyncRun {

    @Id
    public UUID id;

    /** {@code sync_all}, {@code sync_lead}, {@code retry_failed}, {@code resync}. */
    @Column(nullable = false)
    public String kind;

    /** {@code queued}, {@code running}, {@code completed}, {@code failed}. */
    @Column(nullable = false)
    public String status;

    @Column(name = "requested_by", nullable = false)
    public String requestedBy;

    /** What was asked (entity types, force, direction, ...). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> params = new HashMap<>();

    @Column(name = "dry_run", nullable = false)
    public boolean dryRun;

    /** Commands planned. */
    @Column(nullable = false)
    public int total;

    /** Commands answered with a final outcome. */
    @Column(nullable = false)
    public int done;

    @Column(nullable = false)
    public int synced;

    @Column(name = "no_change", nullable = false)
    public int noChange;

    @Column(nullable = false)
    public int conflicts;

    @Column(nullable = false)
    public int failed;

    /** Records left out by configuration. */
    @Column(nullable = false)
    public int skipped;

    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    /** Why a run failed as a whole (sanitised). */
    public String error;

    /**
     * One more record of the run is done; the run completes when every planned one is — only once its
     * planning has ended ({@code running}): while a {@code sync_all} still plans, the total is not final.
     */
    public void recordDone() {
        done++;
        if (total > 0 && done >= total && "running".equals(status)) {
            status = "completed";
            finishedAt = Instant.now();
        }
    }
}
