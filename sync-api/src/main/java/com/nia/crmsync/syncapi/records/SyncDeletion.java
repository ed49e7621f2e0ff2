package com.nia.crmsync.syncapi.records;

import java.time.Instant;
import java.util.LinkedHashMap;
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

    /** Deleted in Creatio, found by the reconciliation: the deletion goes to NIA. */
    public static final String ORIGIN_CREATIO = "creatio";
    /** Soft-deleted in NIA: the deletion goes to Creatio (a {@code delete} command). */
    public static final String ORIGIN_NIA = "nia";
    /** The direction of a deletion found in Creatio. */
    public static final String TO_NIA = "to_nia";
    /** The direction of an NIA soft delete. */
    public static final String TO_CREATIO = "to_creatio";

    @Id
    public UUID id;

    @Column(name = "entity_type", nullable = false)
    public String entityType;

    @Column(name = "local_id", nullable = false)
    public UUID localId;

    @Column(name = "creatio_id")
    public UUID creatioId;

    /** {@code creatio} (found by the reconciliation) or {@code nia} (an NIA soft delete). */
    @Column(nullable = false)
    public String origin;

    /** An NIA deletion: the NIA record version it was judged or approved for; null for Creatio's. */
    @Column(name = "nia_version")
    public Long niaVersion;

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

    /** Which way the deletion goes: {@code to_nia} (found in Creatio) or {@code to_creatio} (an NIA soft delete). */
    public String direction() {
        return direction(origin);
    }

    /** The direction of a deletion of {@code origin}. */
    public static String direction(String origin) {
        return ORIGIN_NIA.equals(origin) ? TO_CREATIO : TO_NIA;
    }

    /** The origin of deletions going {@code direction}. */
    public static String origin(String direction) {
        return TO_CREATIO.equals(direction) ? ORIGIN_NIA : ORIGIN_CREATIO;
    }

    /** Values as JSON scalars (instants as ISO text), for a JSONB column. */
    public static Map<String, Object> jsonScalars(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, v instanceof Instant ? v.toString() : v));
        return out;
    }
}
