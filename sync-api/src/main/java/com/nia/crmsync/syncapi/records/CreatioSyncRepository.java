package com.nia.crmsync.syncapi.records;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Ids;

/** Sync states, one per record. */
@ApplicationScoped
public class CreatioSyncRepository implements PanacheRepository<CreatioSync> {

    /** The state of one record, if it was ever planned. */
    public Optional<CreatioSync> of(EntityType type, UUID localId) {
        return find("entityType = ?1 and localId = ?2", type.wire(), localId).firstResultOptional();
    }

    /**
     * The NIA records linked to Creatio ids of one type: Creatio id → NIA id, one query (a pulled
     * page's links). Nothing is loaded into the persistence context.
     */
    public Map<UUID, UUID> linkedTo(EntityType type, Collection<UUID> creatioIds) {
        Map<UUID, UUID> out = new HashMap<>();
        if (creatioIds.isEmpty()) {
            return out;
        }
        getEntityManager().createQuery("select s.creatioId, s.localId from CreatioSync s where s.entityType = ?1"
                        + " and s.creatioId in ?2 order by s.id", Object[].class)
                .setParameter(1, type.wire()).setParameter(2, creatioIds).getResultStream()
                .forEach(r -> out.putIfAbsent((UUID) r[0], (UUID) r[1]));
        return out;
    }

    /** The sync states of records of one type, locked until the transaction ends, in id order; NIA id → state. */
    public Map<UUID, CreatioSync> lockAll(EntityType type, Collection<UUID> localIds) {
        Map<UUID, CreatioSync> out = new HashMap<>();
        if (localIds.isEmpty()) {
            return out;
        }
        find("entityType = ?1 and localId in ?2 order by localId", type.wire(), localIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list().forEach(s -> out.put(s.localId, s));
        return out;
    }

    /** One record, by type and id. */
    public record RecordRef(EntityType type, UUID localId) {
    }

    /**
     * The pending records of {@code types} with no command out whose {@code last_error} starts with
     * {@code errorPrefix}, the longest unchanged first; at most {@code limit}.
     */
    public List<RecordRef> pendingWithError(List<EntityType> types, String errorPrefix, int limit) {
        return getEntityManager().createQuery("select s.entityType, s.localId from CreatioSync s where s.entityType in ?1"
                        + " and s.status = 'pending' and s.pendingCommandId is null and s.lastError like ?2 order by s.updatedAt",
                        Selected.class)
                .setParameter(1, types.stream().map(EntityType::wire).toList()).setParameter(2, errorPrefix + "%")
                .setMaxResults(limit).getResultStream()
                .map(r -> new RecordRef(EntityType.fromWire(r.entityType()), r.localId())).toList();
    }

    /**
     * The records of these types not linked to Creatio yet, by the Creatio id allocated to them
     * ({@link Ids#creatioIdFor}): a create under that id may be in Creatio before its result is applied.
     */
    public Map<UUID, RecordRef> unlinkedByAllocatedId(List<EntityType> types) {
        Map<UUID, RecordRef> out = new HashMap<>();
        getEntityManager().createQuery("select s.entityType, s.localId from CreatioSync s where s.entityType in ?1"
                        + " and s.creatioId is null", Selected.class)
                .setParameter(1, types.stream().map(EntityType::wire).toList()).getResultStream()
                .forEach(r -> {
                    EntityType type = EntityType.fromWire(r.entityType());
                    out.put(Ids.creatioIdFor(type, r.localId()), new RecordRef(type, r.localId()));
                });
        return out;
    }

    /** How many records of a type are in a status. */
    public record StatusCount(String entityType, String status, long count) {
    }

    /** Record counts per entity type and status. */
    public List<StatusCount> countByTypeAndStatus() {
        return getEntityManager().createQuery("select s.entityType, s.status, count(s) from CreatioSync s group by s.entityType, s.status",
                StatusCount.class).getResultList();
    }

    /** When a record was last synced; null when none was. */
    public Instant lastSyncedAt() {
        return getEntityManager().createQuery("select max(s.lastSyncedAt) from CreatioSync s", Instant.class).getSingleResult();
    }

    /** A record whose sync failed. */
    public record Failed(String entityType, UUID localId, String lastError, int retryCount, Instant nextRetryAt, Instant updatedAt) {
    }

    /** The latest failed records, the last changed first; at most {@code limit}. */
    public List<Failed> latestFailed(int limit) {
        return getEntityManager().createQuery("select s.entityType, s.localId, s.lastError, s.retryCount, s.nextRetryAt, s.updatedAt"
                + " from CreatioSync s where s.status = 'failed' order by s.updatedAt desc", Failed.class)
                .setMaxResults(limit).getResultList();
    }

    /** A selected type and id, as the table holds them. */
    record Selected(String entityType, UUID localId) {
    }
}
