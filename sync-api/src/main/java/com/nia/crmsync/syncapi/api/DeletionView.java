package com.nia.crmsync.syncapi.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.deletes.DeleteBreakerState;
import com.nia.crmsync.syncapi.records.SyncDeletion;

/**
 * A deletion as admins and operators see it — found in Creatio (direction {@code to_nia}), an NIA soft
 * delete (direction {@code to_creatio}), or an {@code update_vs_delete} resolved by deleting in NIA —
 * with its tombstone: NIA's fields (a map keyed by NIA field, so the field policy hides {@code budget}
 * from viewers) and the last agreed values.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DeletionView(UUID id, String entityType, UUID localId, UUID creatioId, String origin, String direction,
        String deleteMode, String status, boolean held, UUID cycleId, String reason, Instant detectedAt, Instant decidedAt,
        String decidedBy, Map<String, Object> niaValues, Map<String, Object> creatioValues) {

    public static DeletionView of(SyncDeletion d) {
        return new DeletionView(d.id, d.entityType, d.localId, d.creatioId, d.origin, d.direction(), d.deleteMode, d.status,
                d.held, d.cycleId, d.reason, d.detectedAt, d.decidedAt, d.decidedBy, d.niaValues, d.creatioValues);
    }

    /**
     * One page of deletions and the breaker per entity type.
     *
     * @param breaker per entity type: deletions in the window, linked records, pending, the thresholds
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(List<DeletionView> items, int page, int size, long total, List<DeleteBreakerState> breaker) {
    }

    /** What a bulk decision did: the deletions decided, and the ones it could not decide with why. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Bulk(List<DeletionView> decided, List<Refused> refused) {
    }

    /** A deletion a bulk decision could not decide. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Refused(UUID id, int status, String detail) {
    }
}
