package com.nia.crmsync.conflict.repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import com.nia.crmsync.conflict.entity.ConflictStatus;
import com.nia.crmsync.conflict.entity.SyncConflict;

/** The conflict inbox table. */
@ApplicationScoped
public class SyncConflictRepository implements PanacheRepositoryBase<SyncConflict, UUID> {

    /** What a list may be narrowed by; a null part does not narrow. */
    public record Filter(String status, String type, String entityType, UUID entityId, String field) {
    }

    /** The conflicts matching the filter, newest first. */
    public PanacheQuery<SyncConflict> list(Filter f) {
        List<String> where = new ArrayList<>();
        Parameters params = new Parameters();
        if (f.status() != null) {
            where.add("status = :status");
            params.and("status", f.status());
        }
        if (f.type() != null) {
            where.add("conflictType = :type");
            params.and("type", f.type());
        }
        if (f.entityType() != null) {
            where.add("entityType = :entityType");
            params.and("entityType", f.entityType());
        }
        if (f.entityId() != null) {
            where.add("(localId = :entityId or creatioId = :entityId)");
            params.and("entityId", f.entityId());
        }
        if (f.field() != null) {
            where.add("field = :field");
            params.and("field", f.field());
        }
        Sort newestFirst = Sort.descending("detectedAt", "id");
        return where.isEmpty() ? findAll(newestFirst) : find(String.join(" and ", where), newestFirst, params);
    }

    /** The conflict, locked for a decision (two decisions on one conflict wait for each other). */
    public Optional<SyncConflict> lockById(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The open conflict (pending or failed) of this record, field and type, if there is one. */
    public Optional<SyncConflict> open(String entityType, UUID localId, String field, String type) {
        return find("entityType = ?1 and localId = ?2 and conflictType = ?3 and status in ?4 and "
                + (field == null ? "field is null" : "field = ?5"),
                field == null
                        ? new Object[] {entityType, localId, type, wires(ConflictStatus.OPEN)}
                        : new Object[] {entityType, localId, type, wires(ConflictStatus.OPEN), field})
                .firstResultOptional();
    }

    /** The conflict of this record, field and type whose decision is being applied, if there is one. */
    public Optional<SyncConflict> applying(String entityType, UUID localId, String field, String type) {
        return find("entityType = ?1 and localId = ?2 and conflictType = ?3 and status = ?4 and "
                + (field == null ? "field is null" : "field = ?5"),
                field == null
                        ? new Object[] {entityType, localId, type, ConflictStatus.APPLYING.wire()}
                        : new Object[] {entityType, localId, type, ConflictStatus.APPLYING.wire(), field})
                .firstResultOptional();
    }

    /** The record's {@code restore_in_creatio} decisions being applied, locked. */
    public List<SyncConflict> applyingRestores(String entityType, UUID localId) {
        return find("entityType = ?1 and localId = ?2 and status = ?3 and strategy = ?4", entityType, localId,
                ConflictStatus.APPLYING.wire(), com.nia.crmsync.model.command.ResolutionStrategy.RESTORE_IN_CREATIO.wire())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The automatic decision a command already reported for this field and type (a retried attempt reports it again). */
    public Optional<SyncConflict> autoDecision(UUID sourceCommandId, String field, String type) {
        return find("sourceCommandId = ?1 and conflictType = ?2 and status = ?3 and "
                + (field == null ? "field is null" : "field = ?4"),
                field == null
                        ? new Object[] {sourceCommandId, type, ConflictStatus.AUTO_RESOLVED.wire()}
                        : new Object[] {sourceCommandId, type, ConflictStatus.AUTO_RESOLVED.wire(), field})
                .firstResultOptional();
    }

    /** The record's pending conflicts on any of these fields found before {@code before}. */
    public List<SyncConflict> pendingOnFields(String entityType, UUID localId, Collection<String> fields, Instant before) {
        if (fields.isEmpty()) {
            return List.of();
        }
        return find("entityType = :t and localId = :id and status = :s and field in :fields and detectedAt < :before",
                Map.of("t", entityType, "id", localId, "s", ConflictStatus.PENDING.wire(), "fields", fields, "before", before))
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The record's pending conflicts of one type. */
    public List<SyncConflict> pendingOfType(String entityType, UUID localId, String type) {
        return find("entityType = ?1 and localId = ?2 and status = ?3 and conflictType = ?4",
                entityType, localId, ConflictStatus.PENDING.wire(), type).withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The record's other open or applying conflicts, newest first. */
    public List<SyncConflict> othersOfRecord(SyncConflict c) {
        return find("entityType = ?1 and localId = ?2 and id <> ?3 and status in ?4",
                Sort.descending("detectedAt", "id"), c.entityType, c.localId, c.id,
                List.of(ConflictStatus.PENDING.wire(), ConflictStatus.FAILED.wire(), ConflictStatus.APPLYING.wire()))
                .list();
    }

    private static List<String> wires(Collection<ConflictStatus> statuses) {
        return statuses.stream().map(ConflictStatus::wire).toList();
    }
}
