package com.nia.crmsync.syncapi.sync;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nia.crmsync.model.entity.EntityType;

/**
 * How the sync reads and writes one NIA entity type by its canonical fields. A new synced type
 * (activities, tasks) adds a bean of this interface; the planner and the result application do
 * not change. Both methods run in the caller's transaction.
 */
public interface RecordAccess {

    /** The entity type this bean serves. */
    EntityType type();

    /** The record, if it exists (soft-deleted ones included). */
    Optional<NiaRecord> load(UUID id);

    /**
     * Writes canonical field values (values pulled from Creatio) into the record, stamps its
     * {@code updated_at}, flushes (so its version counts the change) and returns it as it now is.
     * Fields the type does not know are ignored. This is not an NIA edit: it plans no command.
     */
    NiaRecord update(UUID id, Map<String, Object> values);
}
