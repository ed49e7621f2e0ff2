package com.nia.crmsync.client.model;

import java.util.UUID;

/**
 * {@code POST /api/v1/crm/sync/resolve-conflict/}: one decision on one conflict, with the value the
 * strategy needs ({@code merged_value} for {@code manual_merge}, {@code value} for
 * {@code corrected_value}, {@code creatio_id} for {@code pick_creatio_record}).
 */
public record ResolveRequest(UUID conflictId, String strategy, Object mergedValue, Object value, UUID creatioId, String comment) {
}
