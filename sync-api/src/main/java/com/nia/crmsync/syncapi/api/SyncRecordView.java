package com.nia.crmsync.syncapi.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.records.CreatioSync;

/**
 * One record's sync state as operators see it: where it stands and why. The base values are not
 * shown (they are the record's data; read the record itself), only their hashes.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncRecordView(
        String entityType,
        UUID localId,
        UUID creatioId,
        String status,
        String direction,
        String lastOutcome,
        String lastError,
        int retryCount,
        Integer maxRetries,
        int effectiveMaxRetries,
        Instant nextRetryAt,
        int attempt,
        String lane,
        UUID runId,
        UUID pendingCommandId,
        List<String> openFields,
        String localHash,
        String creatioHash,
        Long localVersion,
        Long syncedVersion,
        Instant creatioModifiedOn,
        Instant lastSyncedAt,
        Instant deadLetteredAt,
        Instant updatedAt) {

    static SyncRecordView of(CreatioSync s, int defaultMaxRetries) {
        return new SyncRecordView(s.entityType, s.localId, s.creatioId, s.status, s.direction, s.lastOutcome, s.lastError,
                s.retryCount, s.maxRetries, s.maxRetries != null ? s.maxRetries : defaultMaxRetries, s.nextRetryAt, s.attempt,
                s.lane, s.runId, s.pendingCommandId, List.copyOf(s.openFields), s.localHash, s.creatioHash, s.localVersion,
                s.syncedVersion, s.creatioModifiedOn, s.lastSyncedAt, s.deadLetteredAt, s.updatedAt);
    }
}
