package com.nia.crmsync.client.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A conflict as conflict-service shows it: the record, the field, the base, NIA and Creatio values
 * side by side (a lookup value is {@code {"id", "name"}}), its status, policy and decision.
 * {@code valuesHidden} when the caller may not see the field.
 */
public record Conflict(UUID id, String conflictType, String entityType, UUID localId, UUID creatioId, String field, Object baseValue,
        Object niaValue, Object creatioValue, boolean valuesHidden, Instant niaChangedAt, Instant creatioChangedAt, Instant detectedAt,
        String status, String policy, String reason, String detail, List<UUID> candidateCreatioIds, String strategy, Object chosenValue,
        String resolvedBy, Instant resolvedAt, String comment, String lastError, UUID commandId, Integer commandAttempt,
        int reportedCount, long version) {
}
