package com.nia.crmsync.client.model;

import java.util.List;
import java.util.UUID;

/** {@code POST /api/v1/crm/sync/retry-failed/}: every failed record, or those of one type, or the listed local ids. */
public record RetryFailedRequest(String entityType, List<UUID> ids) {
}
