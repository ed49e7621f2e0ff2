package com.nia.crmsync.syncapi.records;

import java.sql.Timestamp;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.deletes.Deletions;

/**
 * What the deletion safety breaker counts, per entity type and direction (a deletion's origin:
 * {@code creatio} for deletions found in Creatio, {@code nia} for NIA soft deletes): the deletions
 * in the window, the pending ones, and the linked records a share is taken of.
 */
@ApplicationScoped
public class DeletionCounts {

    private final EntityManager em;
    private final SyncDeletionRepository deletions;

    public DeletionCounts(EntityManager em, SyncDeletionRepository deletions) {
        this.em = em;
        this.deletions = deletions;
    }

    /** Deletions of the type and origin within the window (propagated or held). */
    public int inWindow(EntityType type, String origin, Instant now, CreatioConfiguration.DeleteSafety safety) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM sync_deletion WHERE entity_type = ?1 AND origin = ?2 "
                + "AND status IN ('pending', 'applied', 'approved') AND detected_at >= ?3")
                .setParameter(1, type.wire()).setParameter(2, origin)
                .setParameter(3, Timestamp.from(now.minusSeconds(Math.max(0, safety.windowSeconds()))))
                .getSingleResult()).intValue();
    }

    /** The type's linked records (a share is taken of these). */
    public long linked(EntityType type) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM creatio_sync WHERE entity_type = ?1 AND creatio_id IS NOT NULL "
                + "AND creatio_deleted_at IS NULL").setParameter(1, type.wire()).getSingleResult()).longValue();
    }

    /** Deletions of the type and origin held for an admin. */
    public long pending(EntityType type, String origin) {
        return deletions.count("entityType = ?1 and origin = ?2 and status = ?3", type.wire(), origin, SyncDeletion.PENDING);
    }
}
