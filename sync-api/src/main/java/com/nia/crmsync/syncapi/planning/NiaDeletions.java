package com.nia.crmsync.syncapi.planning;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DeleteMode;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.deletes.Deletions;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.DeletionCounts;
import com.nia.crmsync.syncapi.records.NiaRecord;
import com.nia.crmsync.syncapi.records.SyncDeletion;
import com.nia.crmsync.syncapi.records.SyncDeletionRepository;

/**
 * NIA soft deletes of linked records through the deletion safety breaker (direction
 * {@code to_creatio}); the planner asks before it plans a {@code delete} command. A faulty NIA service
 * deleting thousands of leads is the most dangerous deletion there is, so the same thresholds as for
 * deletions found in Creatio apply, counted apart per entity type: the first time a record's deletion
 * is planned it is judged, and a {@link SyncDeletion} (origin {@code nia}) keeps its tombstone —
 * {@code applied} (the command goes) or {@code pending} (nothing goes until an admin approves, see
 * {@link Deletions#approve}). The tombstone remembers the NIA version it was judged for, so a retry
 * of the same deletion passes without being counted again.
 */
@ApplicationScoped
public class NiaDeletions {

    private final SyncDeletionRepository deletions;
    private final DeletionCounts counts;
    private final ConfigurationService configuration;
    private final EntityManager em;

    public NiaDeletions(SyncDeletionRepository deletions, DeletionCounts counts, ConfigurationService configuration,
            EntityManager em) {
        this.deletions = deletions;
        this.counts = counts;
        this.configuration = configuration;
        this.em = em;
    }

    /**
     * Whether the NIA soft delete of this linked record may go to Creatio now, judging it the first
     * time (in the caller's transaction, which holds the record's sync state locked).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean mayPropagate(CreatioSync row, NiaRecord record, EntityMapping mapping) {
        if (mapping.deleteMode() == DeleteMode.IGNORE) {
            return true; // nothing is written to Creatio: nothing to guard
        }
        EntityType type = mapping.entityType();
        SyncDeletion latest = deletions.find("entityType = ?1 and localId = ?2 and origin = ?3 order by detectedAt desc",
                type.wire(), record.id(), SyncDeletion.ORIGIN_NIA).firstResult();
        if (latest != null && SyncDeletion.PENDING.equals(latest.status)) {
            return false;
        }
        if (latest != null && (SyncDeletion.APPLIED.equals(latest.status) || SyncDeletion.APPROVED.equals(latest.status))
                && Long.valueOf(record.version()).equals(latest.niaVersion)) {
            return true; // this deletion passed already (a retry, or a plan after an approval)
        }
        // one judge per entity type at a time, or concurrent deletes would each count the window without the others
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, "sync_deletion:nia:" + type.wire())
                .getSingleResult();
        CreatioConfiguration.DeleteSafety safety = configuration.current().configuration().deleteSafety();
        Instant now = Instant.now();
        DeleteBreaker.Verdict verdict = DeleteBreaker.judge(safety,
                safety == null ? 0 : counts.inWindow(type, SyncDeletion.ORIGIN_NIA, now, safety), 1, counts.linked(type),
                counts.pending(type, SyncDeletion.ORIGIN_NIA) > 0);
        SyncDeletion d = new SyncDeletion();
        d.id = UUID.randomUUID();
        d.entityType = type.wire();
        d.localId = record.id();
        d.creatioId = row.creatioId;
        d.origin = SyncDeletion.ORIGIN_NIA;
        d.deleteMode = mapping.deleteMode().wire();
        d.held = verdict.hold();
        d.status = verdict.hold() ? SyncDeletion.PENDING : SyncDeletion.APPLIED;
        d.niaValues = SyncDeletion.jsonScalars(record.fields());
        d.creatioValues = row.baseSnapshot == null ? null : SyncDeletion.jsonScalars(row.baseSnapshot.values());
        d.niaVersion = record.version();
        d.reason = verdict.reason();
        d.detectedAt = now;
        deletions.persist(d);
        if (verdict.hold()) {
            Log.warnf("Deletion safety breaker: an NIA %s deletion is held for an admin (%s)", type.wire(), verdict.reason());
        }
        return !verdict.hold();
    }

    /**
     * The NIA record is planned while not deleted (restored in NIA): a held deletion of it leaves the
     * pending list ({@code reappeared}); returns whether one did.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean undeleted(EntityType type, UUID localId) {
        return em.createQuery("update SyncDeletion set status = :reappeared, decidedAt = :now, decidedBy = 'nia', "
                + "reason = 'restored in NIA' where entityType = :type and localId = :id and origin = :nia and status = :pending")
                .setParameter("reappeared", SyncDeletion.REAPPEARED).setParameter("now", Instant.now())
                .setParameter("type", type.wire()).setParameter("id", localId).setParameter("nia", SyncDeletion.ORIGIN_NIA)
                .setParameter("pending", SyncDeletion.PENDING).executeUpdate() > 0;
    }
}
