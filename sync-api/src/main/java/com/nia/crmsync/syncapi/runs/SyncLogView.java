package com.nia.crmsync.syncapi.runs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.results.SyncLogEntry;

/**
 * One sync-log line as the API shows it. The summary is redacted by its writer; a sensitive key in
 * it ({@code budget}, ...) is in addition left out for viewers by the field policy.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncLogView(long id, Instant occurredAt, String operation, String level, String entityType, UUID localId,
        String correlationId, String userName, Long durationMs, Map<String, Object> summary, UUID runId, UUID commandId, String outcome) {

    public static SyncLogView of(SyncLogEntry e) {
        return new SyncLogView(e.id, e.occurredAt, e.operation, e.level, e.entityType, e.localId, e.correlationId, e.userName, e.durationMs,
                e.summary, e.runId, e.commandId, e.outcome);
    }
}
