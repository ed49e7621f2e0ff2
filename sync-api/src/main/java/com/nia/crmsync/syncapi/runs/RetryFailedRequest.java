package com.nia.crmsync.syncapi.runs;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /api/v1/crm/sync/retry-failed/}: every failed record, or those of one type, or the listed local ids. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RetryFailedRequest(String entityType, List<UUID> ids) {
}
