package com.nia.crmsync.simulator.store;

import java.util.Collection;
import java.util.NavigableSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

import com.nia.crmsync.simulator.odata.EntityType;

/**
 * The rows of one entity set: a hash index by {@code Id} and an ordered index on
 * {@code (ModifiedOn, Id)}, so the incremental pull ({@code ModifiedOn gt X, $orderby ModifiedOn,Id,
 * $top/$skip}) walks a range instead of sorting a million rows per request. Mutations happen only
 * under {@link DataStore}'s write lock; reads are lock-free.
 */
public final class EntityTable {

    private final EntityType type;
    private final ConcurrentHashMap<UUID, Entity> byId = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Entity> byModified = new ConcurrentSkipListSet<>(Ids.MODIFIED_ORDER);

    EntityTable(EntityType type) {
        this.type = type;
    }

    public EntityType type() {
        return type;
    }

    public Entity get(UUID id) {
        return byId.get(id);
    }

    public int size() {
        return byId.size();
    }

    public Collection<Entity> rows() {
        return byId.values();
    }

    /** Rows in {@code ModifiedOn, Id} order. */
    public NavigableSet<Entity> byModified() {
        return byModified;
    }

    /** Stores a row, replacing the row with the same id; returns the replaced row or {@code null}. */
    Entity put(Entity entity) {
        Entity old = byId.put(entity.id(), entity);
        if (old != null) {
            byModified.remove(old);
        }
        byModified.add(entity);
        return old;
    }

    Entity remove(UUID id) {
        Entity old = byId.remove(id);
        if (old != null) {
            byModified.remove(old);
        }
        return old;
    }

    void clear() {
        byId.clear();
        byModified.clear();
    }
}
