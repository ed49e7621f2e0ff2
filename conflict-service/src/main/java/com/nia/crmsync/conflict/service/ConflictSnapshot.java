package com.nia.crmsync.conflict.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.conflict.entity.SyncConflict;

/**
 * A conflict as people see it: the record, the field, the base, NIA and Creatio values side by
 * side, the status, the policy and its reason, and the decision (strategy, chosen value, who, when,
 * comment). For a caller who may not see the field ({@code budget} for a viewer) every value is
 * left out and {@code values_hidden} is true.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConflictView(
        UUID id,
        String conflictType,
        String entityType,
        UUID localId,
        UUID creatioId,
        String field,
        Object baseValue,
        Object niaValue,
        Object creatioValue,
        boolean valuesHidden,
        Instant niaChangedAt,
        Instant creatioChangedAt,
        Instant detectedAt,
        String status,
        String policy,
        String reason,
        String detail,
        List<UUID> candidateCreatioIds,
        String strategy,
        Object chosenValue,
        String resolvedBy,
        Instant resolvedAt,
        String comment,
        String lastError,
        UUID commandId,
        Integer commandAttempt,
        int reportedCount,
        long version) {

    /** The view of {@code c}; {@code hideValues} leaves every value out. */
    public static ConflictView of(SyncConflict c, boolean hideValues) {
        return new ConflictView(c.id, c.conflictType, c.entityType, c.localId, c.creatioId, c.field,
                hideValues ? null : c.baseValue(), hideValues ? null : c.niaValue(), hideValues ? null : c.creatioValue(),
                hideValues, c.niaChangedAt, c.creatioChangedAt, c.detectedAt, c.status, c.policy, c.reason, c.detail,
                c.candidateCreatioIds(), c.strategy, hideValues ? null : c.chosenValue(), c.resolvedBy, c.resolvedAt,
                c.comment, c.lastError, c.commandId, c.commandAttempt, c.reportedCount, c.version);
    }

    /** One conflict with the record's other open conflicts (pending, failed or applying). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Detail(@JsonUnwrapped ConflictView conflict, List<ConflictView> otherOpenConflicts) {
    }

    /** What a bulk resolution did, one outcome per conflict in the order asked. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Bulk(int requested, int accepted, int refused, List<Outcome> outcomes) {
    }

    /**
     * The outcome for one conflict of a bulk resolution.
     *
     * @param status   the HTTP status this conflict alone would have got (202 accepted, 404, 409, 400)
     * @param conflictStatus the conflict's status afterwards, when it exists
     * @param detail   why it was refused
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Outcome(UUID id, int status, String conflictStatus, String detail) {
    }
}
