package com.nia.crmsync.syncapi.runs;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /api/v1/crm/sync/sync-lead/}: one lead, {@code to_creatio} (default), {@code from_creatio} or {@code both}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncLeadRequest(UUID leadId, String direction, Boolean dryRun) {
}
