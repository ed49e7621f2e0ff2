package com.nia.crmsync.conflict.service;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.conflict.entity.SyncConflict;

/**
 * A conflict's state at one moment: the record, the field, the base, NIA and Creatio values side
 * by side, the status, the policy and its reason, and the decision (strategy, chosen value, who,
 * when, comment). It is both what the API answers for a conflict and what the audit trail keeps
 * as a decision's before and after, so a trail reads like the answers did. For a caller who may
 * not see the field ({@code budget} for a viewer) every value is left out and {@code values_hidden}
 * is true.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ConflictSnapshot(
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

    /** The state of {@code c} with every value (as the audit trail keeps it). */
    public static ConflictSnapshot of(SyncConflict c) {
        return of(c, false);
    }

    /** The state of {@code c}; {@code hideValues} leaves every value out. */
    public static ConflictSnapshot of(SyncConflict c, boolean hideValues) {
        return new ConflictSnapshot(c.id, c.conflictType, c.entityType, c.localId, c.creatioId, c.field,
                hideValues ? null : c.baseValue(), hideValues ? null : c.niaValue(), hideValues ? null : c.creatioValue(),
                hideValues, c.niaChangedAt, c.creatioChangedAt, c.detectedAt, c.status, c.policy, c.reason, c.detail,
                c.candidateCreatioIds(), c.strategy, hideValues ? null : c.chosenValue(), c.resolvedBy, c.resolvedAt,
                c.comment, c.lastError, c.commandId, c.commandAttempt, c.reportedCount, c.version);
    }
}
