package com.nia.crmsync.syncapi.service;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.syncapi.entity.NiaRecordEntity;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.records.RecordKind;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * The NIA-side store of one record type people edit (leads, contacts): create (idempotent by key),
 * read, list, replace with a version check, soft delete. Every edit plans its sync to Creatio in the
 * same transaction. What differs per type is its {@link RecordKind} and how an input fills a record.
 *
 * @param <E> the entity
 * @param <I> the input a client writes (create or full replace)
 */
public abstract class NiaRecordStore<E extends NiaRecordEntity, I> {

    private static final int NOT_FOUND = 404;
    private static final int CONFLICT = 409;
    private static final int PRECONDITION_FAILED = 412;

    private final RecordKind<E> kind;
    private final IdempotencyKeys keys;
    private final SyncPlanner planner;
    private final BiConsumer<E, I> apply;
    private final String scope;

    /** Only for the client proxy CDI makes of a subclass. */
    protected NiaRecordStore() {
        this.kind = null;
        this.keys = null;
        this.planner = null;
        this.apply = null;
        this.scope = null;
    }

    protected NiaRecordStore(RecordKind<E> kind, IdempotencyKeys keys, SyncPlanner planner, BiConsumer<E, I> apply) {
        this.kind = kind;
        this.keys = keys;
        this.planner = planner;
        this.apply = apply;
        this.scope = kind.noun() + ".create";
    }

    /** Creates a record; with an idempotency key, a repeated call returns the record the first one created. */
    @Transactional
    public Created<E> create(I input, String idempotencyKey) {
        var earlier = keys.earlier(scope, idempotencyKey, input);
        if (earlier.isPresent()) {
            return new Created<>(require(earlier.get()), false);
        }
        E entity = kind.factory().get();
        entity.id = UUID.randomUUID();
        entity.createdAt = Instant.now();
        apply.accept(entity, input);
        kind.repository().persist(entity);
        kind.repository().flush();
        keys.remember(scope, idempotencyKey, input, entity.id);
        planSync(entity.id);
        return new Created<>(entity, true);
    }

    @Transactional
    public E get(UUID id) {
        return require(id);
    }

    /**
     * A page of records, the most recently updated first; {@code email} matches in any case, each
     * entry of {@code equalTo} (field → value) exactly, {@code search} as a part of the e-mail or a
     * name field in any case; blank filters are not applied.
     */
    @Transactional
    public PageView<E> list(int page, int size, boolean includeDeleted, String email, Map<String, String> equalTo, Search search) {
        StringBuilder query = new StringBuilder(includeDeleted ? "1 = 1" : "deleted = false");
        Parameters params = new Parameters();
        if (email != null && !email.isBlank()) {
            query.append(" and lower(email) = :email");
            params.and("email", email.toLowerCase(Locale.ROOT));
        }
        if (search.text() != null && !search.text().isBlank()) {
            query.append(" and (lower(email) like :search escape '\\'");
            search.fields().forEach(f -> query.append(" or lower(").append(f).append(") like :search escape '\\'"));
            query.append(')');
            String literal = search.text().trim().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            params.and("search", "%" + literal + "%");
        }
        equalTo.forEach((field, value) -> {
            if (value != null && !value.isBlank()) {
                query.append(" and ").append(field).append(" = :").append(field);
                params.and(field, value);
            }
        });
        var found = kind.repository().find(query.toString(), Sort.descending("updatedAt").and("id"), params).page(Page.of(page, size));
        return new PageView<>(found.list(), page, size, found.count());
    }

    /** A list's search: the text people typed and the entity fields it is looked for in (besides the e-mail). */
    public record Search(String text, List<String> fields) {
    }

    /**
     * Replaces a record's fields; {@code expectedVersion} (from {@code If-Match}) must be the current
     * version when given. Concurrent edits of one record queue on its row lock: without
     * {@code If-Match} the last one wins, with it the later ones see the new version (412) — neither
     * is a lost update nor an optimistic-lock failure.
     */
    @Transactional
    public E replace(UUID id, I input, Long expectedVersion) {
        E entity = requireLocked(id);
        if (entity.deleted) {
            throw new ProblemException(CONFLICT, capitalized() + " deleted", capitalized() + " " + id + " is deleted", List.of());
        }
        checkVersion(expectedVersion, entity.version, id);
        apply.accept(entity, input);
        kind.repository().flush();
        planSync(id);
        return entity;
    }

    /** Soft delete: the row stays (with its last values) and the deletion propagates as a command. */
    @Transactional
    public E delete(UUID id, Long expectedVersion) {
        E entity = requireLocked(id);
        checkVersion(expectedVersion, entity.version, id);
        if (!entity.deleted) {
            entity.deleted = true;
            entity.deletedAt = Instant.now();
            entity.updatedAt = entity.deletedAt;
            kind.repository().flush();
            planSync(id);
        }
        return entity;
    }

    /**
     * Plans the sync of the change in this transaction (after the flush, so the command carries the
     * new version): a rolled-back change sends nothing, a committed one is never lost.
     */
    private void planSync(UUID id) {
        planner.plan(new SyncPlanner.Request(kind.type(), id, Lane.REALTIME, null, SyncPlanner.Way.TO_CREATIO, false, false));
    }

    private E require(UUID id) {
        return found(id, kind.repository().findById(id));
    }

    /** The record, its row locked for this transaction's edit. */
    private E requireLocked(UUID id) {
        return found(id, kind.repository().findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    private E found(UUID id, E entity) {
        if (entity == null) {
            throw new ProblemException(NOT_FOUND, "Unknown " + kind.noun(), "No " + kind.noun() + " " + id, List.of());
        }
        return entity;
    }

    private String capitalized() {
        return Character.toUpperCase(kind.noun().charAt(0)) + kind.noun().substring(1);
    }

    private static void checkVersion(Long expected, long actual, UUID id) {
        if (expected != null && expected != actual) {
            throw new ProblemException(PRECONDITION_FAILED, "Version mismatch",
                    id + " is at version " + actual + ", not " + expected + ": read it again and reapply the change", List.of());
        }
    }
}
