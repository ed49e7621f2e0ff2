package com.nia.crmsync.client.model;

import java.util.List;
import java.util.UUID;

/** {@code POST /api/v1/crm/conflicts/bulk-resolve}: the conflicts (ids, or a filter) and one decision for all. */
public record BulkResolveRequest(List<UUID> ids, Filter filter, String strategy, Object mergedValue, Object value, UUID creatioId,
        String comment) {

    /** A selection by the list's filters. */
    public record Filter(String status, String type, String entityType, UUID entityId, String field) {
    }
}
