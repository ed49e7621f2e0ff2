package com.nia.crmsync.syncapi.records;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.entity.NiaRecordEntity;

/**
 * What the generic NIA record store needs to know of one record type whose shape it shares (leads,
 * contacts): the entity type, its repository, how to make a new entity, its canonical fields and what
 * a record created from Creatio's values needs before it can be stored.
 *
 * @param type       the sync's entity type; its wire name ({@code lead}) names the records in messages
 * @param repository the type's Panache repository
 * @param factory    a new, empty entity
 * @param fields     the canonical fields, in the order records show them
 * @param completeNew fills what a NOT NULL column needs on a record created from Creatio's values
 */
public record RecordKind<E extends NiaRecordEntity>(EntityType type, PanacheRepositoryBase<E, UUID> repository,
        Supplier<E> factory, List<CanonicalField<E>> fields, Consumer<E> completeNew) {

    /** The type's name in messages ({@code lead}). */
    public String noun() {
        return type.wire();
    }

    /** The record's canonical fields and their values (empty ones null). */
    public NiaRecord record(E entity) {
        Map<String, Object> values = new LinkedHashMap<>();
        fields.forEach(f -> values.put(f.name(), f.get().apply(entity)));
        return new NiaRecord(entity.id, values, entity.updatedAt, entity.version, entity.deleted);
    }
}
