package com.nia.crmsync.model.command;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;

/**
 * What a {@code reconcile} command asks a worker to read for the id reconciliation that finds
 * records deleted in Creatio. Without {@code ids}: one page of the entity set's ids only
 * ({@code $select=Id}, every record, {@code $top}/{@code $skip}). With {@code ids}: which of these
 * ids Creatio still has (one batched read by ids), so an id that a page missed (a record deleted
 * while the cycle paged shifts the rest by one) is never taken for a deletion without a check.
 *
 * @param entitySet the Creatio entity set ({@code Lead}, {@code Contact})
 * @param top       ids per page, at most 20,000 (listing only)
 * @param skip      ids already read in this cycle (listing only)
 * @param ids       the ids to check; absent for a listing page
 */
public record ReconcilePage(String entitySet, int top, int skip, List<UUID> ids) {

    /** Whether this asks to check given ids rather than to list a page. */
    public boolean check() {
        return ids != null && !ids.isEmpty();
    }

    /**
     * The entity key of an entity type's {@code reconcile} commands and results: a fixed, name-based
     * local id per type, so a type's pages travel on one partition, in order.
     */
    public static EntityKey key(EntityType type) {
        return EntityKey.local(type, UUID.nameUUIDFromBytes(("crm.sync.reconcile:" + type.wire()).getBytes(StandardCharsets.UTF_8)));
    }
}
