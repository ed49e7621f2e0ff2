package com.nia.crmsync.syncapi.records;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

import com.nia.crmsync.model.entity.EntityType;

/** Sync states, one per record. */
@ApplicationScoped
public class CreatioSyncRepository implements PanacheRepository<CreatioSync> {

    /** The state of one record, if it was ever planned. */
    public Optional<CreatioSync> of(EntityType type, UUID localId) {
        return find("entityType = ?1 and localId = ?2", type.wire(), localId).firstResultOptional();
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

    /** A selected type and id, as the table holds them. */
    record Selected(String entityType, UUID localId) {
    }
}
