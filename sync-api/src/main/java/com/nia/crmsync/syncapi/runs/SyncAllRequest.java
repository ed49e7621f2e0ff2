package com.nia.crmsync.syncapi.runs;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code POST /api/v1/crm/sync/sync_all/}: plan every record of these types (default: leads and
 * contacts), even unchanged ones when {@code force}; a dry run computes plans and writes nothing.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncAllRequest(Boolean force, List<String> entityTypes, Boolean dryRun) {
}
