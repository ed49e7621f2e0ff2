package com.nia.crmsync.syncapi.deletes;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One deletion found or made ({@code sync_deletion}): a pending entry of the safety breaker's list,
 * a line of the deletion history, and the tombstone — the values both sides held — that a restore
 * starts from.
 */
@Entity
@Table(name = "sync_deletion")
public class SyncDeletion {

    /** Held by the breaker, waiting for an admin. */
    public static final String PENDING = "pending";
    /** Propagated automatically (under the breaker's threshold). */
    public static final String APPLIED = "applied";
    /** Held, then propagated by an admin. */
    public static final String APPROVED = "approved";
    /** Rejected by an admin: the record is restored in Creatio (and in NIA, if the deletion had been applied). */
    public static final String REJECTED = "rejected";
    /** Held, then seen again in Creatio: removed from the pending list. */
    public static final String REAPPEARED = "reappeared";
    /** An update_vs_delete resolved by deleting the record in NIA too. */
    public static final String DELETED_IN_NIA = "deleted_in_nia";

    @Id
    public UUID id;

    @Column(name = "entity_type", nullable = false)
    public String entityType;

    @Column(name = "local_id", nullable = false)
    public UUID localId;

    @Column(name = "creatio_id")
    public UUID creatioId;

    /** {@code creatio} (found by the reconciliation) or {@code nia}. */
    @Column(nullable = false)
    public String origin;

    /** The entity's delete mode when it was found. */
    @Column(name = "delete_mode", nullable = false)
    public String deleteMode;

    @Column(nullable = false)
    public String status;

    /** The breaker held it. */
    @Column(nullable = false)
    public boolean held;

    @Column(name = "cycle_id")
    public UUID cycleId;

    /** Tombstone: NIA's fields (canonical names) when the deletion was found. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "nia_values")
    public Map<String, Object> niaValues;

    /** Tombstone: the last values both sides agreed on (Creatio columns). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "creatio_values")
    public Map<String, Object> creatioValues;

    /** Why it was held, or how it was resolved. */
    public String reason;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(name = "decided_at")
    public Instant decidedAt;

    @Column(name = "decided_by")
    public String decidedBy;
}
