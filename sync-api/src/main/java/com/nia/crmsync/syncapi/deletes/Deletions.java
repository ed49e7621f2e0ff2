package com.nia.crmsync.syncapi.deletes;

import static java.net.HttpURLConnection.HTTP_CONFLICT;
import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DeleteMode;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.planning.DeleteBreaker;
import com.nia.crmsync.syncapi.planning.NiaDeletions;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.records.DeletionCounts;
import com.nia.crmsync.syncapi.records.NiaRecord;
import com.nia.crmsync.syncapi.records.RecordAccess;
import com.nia.crmsync.syncapi.records.RecordAccesses;
import com.nia.crmsync.syncapi.records.SyncDeletion;
import com.nia.crmsync.syncapi.records.SyncDeletionRepository;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * What becomes of records deleted in Creatio, and of an admin's or operator's decision about them.
 * <ul>
 * <li><b>Found</b> ({@link #found}): a linked record whose Creatio id the reconciliation no longer
 * finds. One with an NIA change not yet synced is an {@code update_vs_delete} (its update is planned:
 * the worker meets the 404 and reports it); the others pass the {@link DeleteBreaker} and are either
 * propagated to NIA by the entity's delete mode or held, pending, for an admin. Either way a
 * {@link SyncDeletion} keeps the tombstone: NIA's fields and the last agreed values.</li>
 * <li><b>Delete modes</b>, Creatio → NIA: {@code delete} soft-deletes the NIA record;
 * {@code deactivate} gives it the NIA value of the entity's deactivation column and value (leads:
 * {@code QualifyStatusId} "disqualified" → status {@code disqualified}) and keeps it, linked to the
 * gone record, so a later NIA edit is an {@code update_vs_delete}; {@code ignore} keeps it unchanged
 * and drops the link (a later NIA edit creates it in Creatio again).</li>
 * <li><b>Approve</b> propagates a held deletion; <b>reject</b> restores the record in Creatio with the
 * NIA values and its former id (and, for a deletion already propagated, first puts the NIA record
 * back from the tombstone); a held record seen again in Creatio leaves the list
 * ({@link #reappeared}).</li>
 * <li><b>NIA soft deletes</b> of linked records pass the same breaker ({@link NiaDeletions}, direction
 * {@code to_creatio}): approving one plans its {@code delete} command; rejecting one takes the NIA
 * soft delete back (Creatio still has the record, so nothing is sent but what NIA changed since the
 * last sync).</li>
 * </ul>
 */
@ApplicationScoped
public class Deletions {

    static final String ORIGIN_CREATIO = SyncDeletion.ORIGIN_CREATIO;

    private final SyncDeletionRepository deletions;
    private final CreatioSyncRepository syncs;
    private final RecordAccesses records;
    private final ConfigurationService configuration;
    private final SyncPlanner planner;
    private final DeletionCounts counts;

    public Deletions(SyncDeletionRepository deletions, CreatioSyncRepository syncs, RecordAccesses records,
            ConfigurationService configuration, SyncPlanner planner, DeletionCounts counts) {
        this.deletions = deletions;
        this.syncs = syncs;
        this.records = records;
        this.configuration = configuration;
        this.planner = planner;
        this.counts = counts;
    }

    /** What the deletions found by one check did. */
    public record Found(int applied, int held, int updateVsDelete, int skipped) {
    }

    /** A decision that cannot be taken in the deletion's or record's present state: a 409 problem. */
    public static class NotAllowed extends ProblemException {
        public NotAllowed(String message) {
            super(HTTP_CONFLICT, "Not allowed now", message, List.of());
        }
    }

    /** Handles linked records whose Creatio ids the reconciliation found missing, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Found found(EntityType type, List<UUID> missing, UUID cycleId) {
        CreatioConfiguration cfg = configuration.current().configuration();
        EntityMapping mapping = cfg.mapping(type).orElse(null);
        if (mapping == null || missing.isEmpty() || !records.mirrored(type)) {
            return new Found(0, 0, 0, missing.size());
        }
        RecordAccess access = records.of(type);
        List<CreatioSync> gone = new ArrayList<>();
        Map<UUID, NiaRecord> niaRecords = new HashMap<>();
        int updateVsDelete = 0;
        int skipped = 0;
        List<UUID> localIds = syncs.find("entityType = ?1 and creatioId in ?2", type.wire(), missing).list().stream()
                .map(r -> r.localId).toList();
        for (UUID localId : localIds) {
            // the NIA record before its sync state, the order every other writer locks them in
            NiaRecord record = access.lock(localId).orElse(null);
            CreatioSync row = syncs.find("entityType = ?1 and localId = ?2", type.wire(), localId)
                    .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
            if (record == null || row == null || row.creatioId == null || !missing.contains(row.creatioId)
                    || row.creatioDeletedAt != null || record.deleted() || SyncPlanner.commandInFlight(row)) {
                // deleted in NIA too, already known, or a command in flight that will meet the 404 itself
                skipped++;
                continue;
            }
            if (!Objects.equals(row.syncedVersion, record.version())) {
                // NIA changed it since the last sync: not a plain deletion but an update_vs_delete, which the
                // worker reports when the update meets the 404
                planner.plan(new SyncPlanner.Request(type, localId, Lane.BULK, null, SyncPlanner.Way.TO_CREATIO, true, false));
                updateVsDelete++;
                continue;
            }
            gone.add(row);
            niaRecords.put(localId, record);
        }
        if (gone.isEmpty()) {
            return new Found(0, 0, updateVsDelete, skipped);
        }
        Instant now = Instant.now();
        CreatioConfiguration.DeleteSafety safety = cfg.deleteSafety();
        DeleteBreaker.Verdict verdict = DeleteBreaker.judge(safety,
                safety == null ? 0 : counts.inWindow(type, ORIGIN_CREATIO, now, safety), gone.size(), counts.linked(type),
                counts.pending(type, ORIGIN_CREATIO) > 0);
        if (verdict.hold()) {
            Log.warnf("Deletion safety breaker: %d %s deletion(s) found in Creatio held for an admin (%s)", gone.size(),
                    type.wire(), verdict.reason());
        }
        for (CreatioSync row : gone) {
            SyncDeletion d = new SyncDeletion();
            d.id = UUID.randomUUID();
            d.entityType = type.wire();
            d.localId = row.localId;
            d.creatioId = row.creatioId;
            d.origin = ORIGIN_CREATIO;
            d.deleteMode = mapping.deleteMode().wire();
            d.held = verdict.hold();
            d.status = verdict.hold() ? SyncDeletion.PENDING : SyncDeletion.APPLIED;
            d.cycleId = cycleId;
            d.niaValues = SyncDeletion.jsonScalars(niaRecords.get(row.localId).fields());
            d.creatioValues = row.baseSnapshot == null ? null : SyncDeletion.jsonScalars(row.baseSnapshot.values());
            d.reason = verdict.reason();
            d.detectedAt = now;
            deletions.persist(d);
            row.creatioDeletedAt = now;
            row.updatedAt = now;
            if (!verdict.hold()) {
                propagate(d, row, mapping);
            }
        }
        return new Found(verdict.hold() ? 0 : gone.size(), verdict.hold() ? gone.size() : 0, updateVsDelete, skipped);
    }

    /** Held deletions of records the reconciliation lists again in Creatio leave the pending list; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reappeared(EntityType type, List<UUID> creatioIds) {
        return reappeared(type, creatioIds, "reconciliation");
    }

    /**
     * Held deletions found in Creatio whose records {@code seenBy} (the reconciliation, the pull) sees
     * in Creatio again leave the pending list; returns how many. Held NIA deletions are not concerned:
     * Creatio still has those records.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int reappeared(EntityType type, List<UUID> creatioIds, String seenBy) {
        if (creatioIds.isEmpty()) {
            return 0;
        }
        List<SyncDeletion> back = deletions.find("entityType = ?1 and status = ?2 and origin = ?3 and creatioId in ?4",
                type.wire(), SyncDeletion.PENDING, ORIGIN_CREATIO, creatioIds).list();
        Instant now = Instant.now();
        for (SyncDeletion d : back) {
            d.status = SyncDeletion.REAPPEARED;
            d.decidedAt = now;
            d.decidedBy = seenBy;
            syncs.of(type, d.localId).ifPresent(row -> {
                if (Objects.equals(row.creatioId, d.creatioId)) {
                    row.creatioDeletedAt = null;
                    row.updatedAt = now;
                }
            });
        }
        return back.size();
    }

    /** An admin propagates a held deletion by the entity's delete mode. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SyncDeletion approve(UUID id, String actor) {
        SyncDeletion d = lockDeletion(id);
        if (!SyncDeletion.PENDING.equals(d.status)) {
            throw new NotAllowed("deletion " + id + " is " + d.status + ", not pending");
        }
        EntityType type = EntityType.fromWire(d.entityType);
        if (SyncDeletion.ORIGIN_NIA.equals(d.origin)) {
            return approveNiaDeletion(d, type, actor);
        }
        EntityMapping mapping = configuration.current().configuration().mapping(type)
                .orElseThrow(() -> new NotAllowed("entity type " + d.entityType + " is no longer mapped"));
        records.of(type).lock(d.localId);
        CreatioSync row = lockRow(type, d.localId);
        propagate(d, row, mapping);
        decided(d, SyncDeletion.APPROVED, actor);
        return d;
    }

    /**
     * An admin rejects a deletion: the record is restored in Creatio with the NIA values and its former id;
     * a deletion already propagated to NIA is first undone there from the tombstone.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SyncDeletion reject(UUID id, String actor) {
        SyncDeletion d = lockDeletion(id);
        boolean pending = SyncDeletion.PENDING.equals(d.status);
        boolean propagated = SyncDeletion.APPLIED.equals(d.status) || SyncDeletion.APPROVED.equals(d.status);
        if (!pending && !propagated) {
            throw new NotAllowed("deletion " + id + " is " + d.status + ": only pending or propagated deletions can be rejected");
        }
        EntityType type = EntityType.fromWire(d.entityType);
        if (SyncDeletion.ORIGIN_NIA.equals(d.origin) && !pending) {
            throw new NotAllowed("deletion " + id + " was made in NIA and is " + d.status
                    + ": it went to Creatio already; only a pending NIA deletion can be rejected");
        }
        RecordAccess access = records.of(type);
        access.lock(d.localId).orElseThrow(() -> new NotAllowed("the NIA " + d.entityType + " " + d.localId + " no longer exists"));
        CreatioSync row = lockRow(type, d.localId);
        if (SyncPlanner.commandInFlight(row)) {
            throw new NotAllowed(d.entityType + " " + d.localId + " has a command in flight: try again when it settles");
        }
        if (SyncDeletion.ORIGIN_NIA.equals(d.origin)) {
            // the NIA soft delete is taken back; Creatio still has the record: only what NIA changed since the last sync goes
            decided(d, SyncDeletion.REJECTED, actor);
            access.setDeleted(d.localId, false);
            SyncPlanner.resume(row);
            planner.plan(new SyncPlanner.Request(type, d.localId, Lane.REALTIME, null, SyncPlanner.Way.TO_CREATIO, false, false));
            return d;
        }
        if (propagated) {
            undo(d, row, access);
        }
        planner.planRestore(type, d.localId);
        decided(d, SyncDeletion.REJECTED, actor);
        return d;
    }

    /** An operator resolves an {@code update_vs_delete} by recreating the record in Creatio with the NIA values. */
    @Transactional(Transactional.TxType.MANDATORY)
    public CreatioSync restore(EntityType type, UUID localId) {
        NiaRecord record = records.of(type).lock(localId)
                .orElseThrow(() -> new NotAllowed("no NIA " + type.wire() + " " + localId));
        CreatioSync row = deletedInCreatio(type, localId);
        if (record.deleted()) {
            throw new NotAllowed("the NIA " + type.wire() + " is deleted: reject its deletion to restore it on both sides");
        }
        planner.planRestore(type, localId);
        return row;
    }

    /** An operator resolves an {@code update_vs_delete} by deleting the record in NIA too (its tombstone is kept). */
    @Transactional(Transactional.TxType.MANDATORY)
    public SyncDeletion deleteInNia(EntityType type, UUID localId, String actor) {
        RecordAccess access = records.of(type);
        NiaRecord record = access.lock(localId).orElseThrow(() -> new NotAllowed("no NIA " + type.wire() + " " + localId));
        CreatioSync row = deletedInCreatio(type, localId);
        Instant now = Instant.now();
        SyncDeletion d = new SyncDeletion();
        d.id = UUID.randomUUID();
        d.entityType = type.wire();
        d.localId = localId;
        d.creatioId = row.creatioId;
        d.origin = ORIGIN_CREATIO;
        d.deleteMode = DeleteMode.DELETE.wire();
        d.niaValues = SyncDeletion.jsonScalars(record.fields());
        d.creatioValues = row.baseSnapshot == null ? null : SyncDeletion.jsonScalars(row.baseSnapshot.values());
        d.reason = "update_vs_delete resolved by deleting the record in NIA";
        d.detectedAt = row.creatioDeletedAt != null ? row.creatioDeletedAt : now;
        decided(d, SyncDeletion.DELETED_IN_NIA, actor);
        deletions.persist(d);
        NiaRecord deleted = access.setDeleted(localId, true);
        settle(row, deleted);
        row.openFields = new ArrayList<>(row.openFields.stream().filter(f -> !"Id".equals(f)).toList());
        row.syncStatus(row.openFields.isEmpty() ? SyncStatus.SYNCED : SyncStatus.CONFLICT);
        return d;
    }

    /** An admin lets a held NIA soft delete go: its {@code delete} command is planned. */
    private SyncDeletion approveNiaDeletion(SyncDeletion d, EntityType type, String actor) {
        NiaRecord record = records.of(type).lock(d.localId)
                .orElseThrow(() -> new NotAllowed("the NIA " + d.entityType + " " + d.localId + " no longer exists"));
        if (!record.deleted()) {
            throw new NotAllowed("the NIA " + d.entityType + " " + d.localId + " is no longer deleted: reject the deletion");
        }
        lockRow(type, d.localId);
        // approved for the version it has now: the planner's breaker check lets this deletion's command go
        d.niaVersion = record.version();
        decided(d, SyncDeletion.APPROVED, actor);
        planner.plan(new SyncPlanner.Request(type, d.localId, Lane.REALTIME, null, SyncPlanner.Way.TO_CREATIO, true, false));
        return d;
    }

    private CreatioSync deletedInCreatio(EntityType type, UUID localId) {
        CreatioSync row = syncs.find("entityType = ?1 and localId = ?2", type.wire(), localId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (row == null || row.creatioId == null || (row.creatioDeletedAt == null && !row.openFields.contains("Id"))) {
            throw new NotAllowed(type.wire() + " " + localId + " is not known to be deleted in Creatio (no update_vs_delete)");
        }
        if (SyncPlanner.commandInFlight(row)) {
            throw new NotAllowed(type.wire() + " " + localId + " has a command in flight: try again when it settles");
        }
        return row;
    }

    /** Carries a Creatio deletion over to NIA by the entity's delete mode. */
    private void propagate(SyncDeletion d, CreatioSync row, EntityMapping mapping) {
        RecordAccess access = records.of(mapping.entityType());
        DeleteMode mode = DeleteMode.fromWire(d.deleteMode);
        Instant now = Instant.now();
        row.creatioDeletedAt = row.creatioDeletedAt == null ? now : row.creatioDeletedAt;
        row.updatedAt = now;
        switch (mode) {
            case DELETE -> settle(row, access.setDeleted(d.localId, true));
            case DEACTIVATE -> {
                Map<String, Object> column = new HashMap<>();
                column.put(mapping.deactivateColumn(), mapping.deactivateValue());
                NiaRecord current = access.load(d.localId).orElseThrow();
                FieldMapper.Inverse inverse = FieldMapper.toNia(mapping, column, current.fields());
                if (!inverse.problems().isEmpty()) {
                    Log.warnf("The deactivation value of %s has no NIA value; the NIA record is kept as it is", d.entityType);
                }
                settle(row, inverse.updates().isEmpty() ? current : access.update(d.localId, inverse.updates()));
            }
            case IGNORE -> {
                // the link is dropped: NIA keeps the record, a later NIA edit creates it in Creatio again
                row.creatioId = null;
                row.baseSnapshot = null;
                row.localHash = null;
                row.creatioHash = null;
                row.creatioDeletedAt = null;
            }
        }
    }

    /** Takes a propagated deletion back in NIA from its tombstone. */
    private void undo(SyncDeletion d, CreatioSync row, RecordAccess access) {
        switch (DeleteMode.fromWire(d.deleteMode)) {
            case DELETE -> settle(row, access.setDeleted(d.localId, false));
            case DEACTIVATE -> {
                if (d.niaValues != null) {
                    settle(row, access.update(d.localId, d.niaValues));
                }
            }
            case IGNORE -> row.creatioId = d.creatioId;
        }
        row.creatioDeletedAt = row.creatioDeletedAt == null ? Instant.now() : row.creatioDeletedAt;
    }

    /** A write the deletion made in NIA is not an NIA edit to send back. */
    private static void settle(CreatioSync row, NiaRecord record) {
        row.syncedVersion = record.version();
        row.localVersion = record.version();
        row.updatedAt = Instant.now();
    }

    private static void decided(SyncDeletion d, String status, String actor) {
        d.status = status;
        d.decidedAt = Instant.now();
        d.decidedBy = actor;
    }

    private SyncDeletion lockDeletion(UUID id) {
        SyncDeletion d = deletions.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (d == null) {
            throw new ProblemException(HTTP_NOT_FOUND, "Unknown deletion", "No deletion " + id, List.of());
        }
        return d;
    }

    private CreatioSync lockRow(EntityType type, UUID localId) {
        CreatioSync row = syncs.find("entityType = ?1 and localId = ?2", type.wire(), localId)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (row == null) {
            throw new NotAllowed(type.wire() + " " + localId + " has no sync state");
        }
        return row;
    }

    /** Deletions, newest first, optionally of one status, entity type and direction ({@code to_nia}, {@code to_creatio}). */
    @Transactional
    public io.quarkus.hibernate.orm.panache.PanacheQuery<SyncDeletion> list(String status, EntityType type, String direction) {
        StringBuilder q = new StringBuilder("1 = 1");
        io.quarkus.panache.common.Parameters p = new io.quarkus.panache.common.Parameters();
        if (direction != null) {
            q.append(" and origin = :origin");
            p.and("origin", SyncDeletion.origin(direction));
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (type != null) {
            q.append(" and entityType = :type");
            p.and("type", type.wire());
        }
        return deletions.find(q.toString(), io.quarkus.panache.common.Sort.descending("detectedAt").and("id"), p);
    }

    /** One deletion. */
    public SyncDeletion get(UUID id) {
        SyncDeletion d = deletions.findById(id);
        if (d == null) {
            throw new ProblemException(HTTP_NOT_FOUND, "Unknown deletion", "No deletion " + id, List.of());
        }
        return d;
    }

    /** The breaker of every entity type that has NIA records, per direction ({@code to_nia} first), as it stands now. */
    public List<DeleteBreakerState> breakers() {
        CreatioConfiguration cfg = configuration.current().configuration();
        CreatioConfiguration.DeleteSafety safety = cfg.deleteSafety();
        List<DeleteBreakerState> out = new ArrayList<>();
        for (EntityMapping mapping : cfg.entities()) {
            EntityType type = mapping.entityType();
            if (!records.mirrored(type)) {
                continue;
            }
            long linked = counts.linked(type);
            for (String origin : List.of(ORIGIN_CREATIO, SyncDeletion.ORIGIN_NIA)) {
                long pending = counts.pending(type, origin);
                out.add(new DeleteBreakerState(type.wire(), SyncDeletion.direction(origin),
                        safety == null ? 0 : counts.inWindow(type, origin, Instant.now(), safety), linked, pending, pending > 0,
                        safety == null ? null : safety.maxDeletions(), safety == null ? null : safety.maxShare(),
                        safety == null ? null : safety.windowSeconds()));
            }
        }
        return out;
    }
}
