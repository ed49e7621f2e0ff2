package com.nia.crmsync.syncapi.records;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.persistence.LockModeType;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.syncapi.entity.NiaRecordEntity;

/**
 * The sync's access to the records of one type NIA mirrors from Creatio (leads, contacts), by
 * canonical field as its {@link RecordKind} describes them; {@link NiaRecordKinds} makes one per type.
 */
public class NiaRecords<E extends NiaRecordEntity> implements RecordAccess {

    private final RecordKind<E> kind;
    private final Map<String, CanonicalField<E>> byName;

    public NiaRecords(RecordKind<E> kind) {
        this.kind = kind;
        this.byName = kind.fields().stream().collect(Collectors.toMap(CanonicalField::name, Function.identity()));
    }

    @Override
    public EntityType type() {
        return kind.type();
    }

    @Override
    public Optional<NiaRecord> load(UUID id) {
        return Optional.ofNullable(kind.repository().findById(id)).map(kind::record);
    }

    @Override
    public Optional<NiaRecord> lock(UUID id) {
        return Optional.ofNullable(kind.repository().findById(id, LockModeType.PESSIMISTIC_WRITE)).map(kind::record);
    }

    @Override
    public Map<UUID, NiaRecord> lockAll(Collection<UUID> ids) {
        Map<UUID, NiaRecord> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        kind.repository().find("id in ?1 order by id", ids.stream().distinct().toList())
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().forEach(e -> out.put(e.id, kind.record(e)));
        return out;
    }

    @Override
    public NiaRecord update(UUID id, Map<String, Object> values) {
        updateLater(id, values);
        kind.repository().flush();
        return kind.record(require(id));
    }

    @Override
    public void updateLater(UUID id, Map<String, Object> values) {
        E entity = require(id);
        write(entity, values);
        entity.updatedAt = Instant.now();
    }

    @Override
    public NiaRecord setDeleted(UUID id, boolean deleted) {
        E entity = require(id);
        if (entity.markDeleted(deleted)) {
            kind.repository().flush();
        }
        return kind.record(entity);
    }

    @Override
    public NiaRecord create(Map<String, Object> values) {
        NiaRecord created = createLater(values);
        kind.repository().flush();
        return kind.record(require(created.id()));
    }

    @Override
    public NiaRecord createLater(Map<String, Object> values) {
        E entity = kind.factory().get();
        entity.id = UUID.randomUUID();
        write(entity, values);
        kind.completeNew().accept(entity);
        entity.createdAt = Instant.now();
        entity.updatedAt = entity.createdAt;
        kind.repository().persist(entity);
        return kind.record(entity);
    }

    private E require(UUID id) {
        E entity = kind.repository().findById(id);
        if (entity == null) {
            throw new IllegalArgumentException("No " + kind.noun() + " " + id);
        }
        return entity;
    }

    private void write(E entity, Map<String, Object> values) {
        values.forEach((name, raw) -> {
            CanonicalField<E> field = byName.get(name);
            // a field the type does not have (a newer mapping): nothing to write
            if (field != null) {
                field.write().accept(entity, CanonicalValues.canonical(raw));
            }
        });
    }
}
