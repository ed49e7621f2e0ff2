package com.nia.crmsync.client.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One record's sync state ({@code GET /api/v1/crm/sync/records/{type}/{id}}). */
public record SyncRecord(String entityType, UUID localId, UUID creatioId, String status, String direction, String lastOutcome,
        String lastError, int retryCount, Integer maxRetries, int effectiveMaxRetries, Instant nextRetryAt, int attempt, String lane,
        UUID runId, UUID pendingCommandId, List<String> openFields, String localHash, String creatioHash, Long localVersion,
        Long syncedVersion, Instant creatioModifiedOn, Instant lastSyncedAt, Instant deadLetteredAt, Instant updatedAt) {
}
