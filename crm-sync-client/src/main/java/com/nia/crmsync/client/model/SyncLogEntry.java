package com.nia.crmsync.client.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One line of the sync log ({@code GET /api/v1/crm/sync/logs/}). */
public record SyncLogEntry(long id, Instant occurredAt, String operation, String level, String entityType, UUID localId,
        String correlationId, String userName, Long durationMs, Map<String, Object> summary, UUID runId, UUID commandId,
        String outcome) {
}
