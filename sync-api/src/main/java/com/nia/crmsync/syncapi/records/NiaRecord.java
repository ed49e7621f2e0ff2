package com.nia.crmsync.syncapi.records;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One NIA record as the sync sees it, whatever its type.
 *
 * @param id        the NIA id
 * @param fields    canonical NIA field → value (snake_case names of the configuration; empty values are null)
 * @param updatedAt NIA's {@code updated_at}
 * @param version   the record's version (counts every change)
 * @param deleted   soft-deleted
 */
public record NiaRecord(UUID id, Map<String, Object> fields, Instant updatedAt, long version, boolean deleted) {
}
