package com.nia.crmsync.client.model;

import java.util.UUID;

/** {@code POST /api/v1/crm/sync/sync-lead/}: one lead, {@code to_creatio} (default), {@code from_creatio} or {@code both}. */
public record SyncLeadRequest(UUID leadId, String direction, Boolean dryRun) {
}
