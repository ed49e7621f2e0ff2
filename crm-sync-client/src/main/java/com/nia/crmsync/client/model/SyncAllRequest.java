package com.nia.crmsync.client.model;

import java.util.List;

/**
 * {@code POST /api/v1/crm/sync/sync_all/}: every record of these types (null: leads and contacts),
 * unchanged ones too when {@code force}; a dry run plans and writes nothing.
 */
public record SyncAllRequest(Boolean force, List<String> entityTypes, Boolean dryRun) {
}
