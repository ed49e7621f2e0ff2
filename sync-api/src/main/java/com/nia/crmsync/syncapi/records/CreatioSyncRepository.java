package com.nia.crmsync.syncapi.records;

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
}
