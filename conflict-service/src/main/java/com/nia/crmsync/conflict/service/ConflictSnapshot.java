package com.nia.crmsync.conflict.service;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.model.entity.LookupValue;

/**
 * A conflict's state at one moment: the record, the field, the base, NIA and Creatio values side
 * by side, the status, the policy and its reason, and the decision (strategy, chosen value, who,
 * when, comment). It is both what the API answers for a conflict and what the audit trail keeps
 * as a decision's before and after, so a trail reads like the answers did. The values of a lookup
 * field are {@code {"id", "name"}}: the id with the display name the worker put next to it when it
 * found the mismatch (null where none was found), so nobody decides between two bare GUIDs. For a caller who may
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
        Map<String, String> names = c.valueNames();
        return new ConflictSnapshot(c.id, c.conflictType, c.entityType, c.localId, c.creatioId, c.field,
                hideValues ? null : shown(c.baseValue(), names), hideValues ? null : shown(c.niaValue(), names),
                hideValues ? null : shown(c.creatioValue(), names),
                hideValues, c.niaChangedAt, c.creatioChangedAt, c.detectedAt, c.status, c.policy, c.reason, c.detail,
                c.candidateCreatioIds(), c.strategy, hideValues ? null : shown(c.chosenValue(), names), c.resolvedBy, c.resolvedAt,
                c.comment, c.lastError, c.commandId, c.commandAttempt, c.reportedCount, c.version);
    }

    /** A lookup field's value with its name next to the id; any other value as it is. */
    private static Object shown(Object value, Map<String, String> names) {
        return names == null ? value : LookupValue.of(value, names);
    }
}
