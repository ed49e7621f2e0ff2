package com.nia.crmsync.syncapi.records;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.pull.ActivityImport;

/**
 * How the sync reads and writes one NIA entity type by its canonical fields. A new synced type
 * (activities, tasks) adds a bean of this interface; the planner and the result application do
 * not change. Both methods run in the caller's transaction.
 */
public interface RecordAccess {

    /** The entity type this bean serves. */
    EntityType type();

    /**
     * Whether NIA mirrors this type's Creatio records: the pull imports Creatio's changes and new
     * records, and the id reconciliation looks for Creatio deletions (leads, contacts). Records NIA
     * creates in Creatio from its own data (meetings, tasks, participants) are not mirrored.
     */
    default boolean mirrorsCreatio() {
        return true;
    }

    /**
     * Whether the pull reads this type's Creatio changes: every mirrored type, and tasks, whose pull
     * reads the {@code Activity} set for the meetings and tasks NIA made and those created in Creatio
     * for a synced lead or contact ({@link ActivityImport}).
     */
    default boolean pulled() {
        return mirrorsCreatio();
    }

    /** The record, if it exists (soft-deleted ones included). */
    Optional<NiaRecord> load(UUID id);

    /**
     * The record, locked until the transaction ends. Result application locks the NIA record before
     * its sync state, in the same order as an edit (the edit's update, then the planner's lock of
     * the sync state), so the two never deadlock.
     */
    Optional<NiaRecord> lock(UUID id);

    /**
     * The records of {@code ids} that exist, locked until the transaction ends, taken in id order (so
     * two transactions locking overlapping sets never deadlock). A pulled page locks its records with one query.
     */
    default Map<UUID, NiaRecord> lockAll(Collection<UUID> ids) {
        Map<UUID, NiaRecord> out = new LinkedHashMap<>();
        ids.stream().sorted().distinct().forEach(id -> lock(id).ifPresent(r -> out.put(id, r)));
        return out;
    }

    /**
     * As {@link #update}, but written with the transaction's next flush, so the writes of a page go
     * in JDBC batches; the version the record gets is the one {@link #load} answers after that flush.
     */
    default void updateLater(UUID id, Map<String, Object> values) {
        update(id, values);
    }

    /** As {@link #create}, but written with the transaction's next flush (a page's new records go in JDBC batches). */
    default NiaRecord createLater(Map<String, Object> values) {
        return create(values);
    }

    /**
     * Writes canonical field values (values pulled from Creatio) into the record, stamps its
     * {@code updated_at}, flushes (so its version counts the change) and returns it as it now is.
     * Fields the type does not know are ignored. This is not an NIA edit: it plans no command.
     */
    NiaRecord update(UUID id, Map<String, Object> values);

    /**
     * Creates a record from canonical field values (a Creatio record unknown to NIA, found by the
     * pull) with a new id, flushes and returns it. Not an NIA edit: it plans no command.
     */
    NiaRecord create(Map<String, Object> values);

    /**
     * Soft-deletes the record, or takes a soft delete back ({@code deleted} false), stamps its
     * {@code updated_at}, flushes and returns it. Not an NIA edit: it plans no command (a deletion
     * found in Creatio propagated to NIA, or a wrong deletion restored).
     */
    NiaRecord setDeleted(UUID id, boolean deleted);
}
