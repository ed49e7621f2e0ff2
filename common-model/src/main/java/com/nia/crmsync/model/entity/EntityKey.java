package com.nia.crmsync.model.entity;

import java.util.Objects;
import java.util.UUID;

/**
 * Which record a message is about: its type and NIA id, plus its Creatio id once known. The
 * Kafka key is built from the NIA side only ({@link #kafkaKey()}), because the Creatio id may be
 * learnt later and a key must never change during a record's life (per-entity ordering).
 *
 * @param entityType the kind of record
 * @param localId    the NIA id; every synced record has one before its first command
 * @param creatioId  the Creatio {@code Id}, absent until the record is linked or created
 */
public record EntityKey(EntityType entityType, UUID localId, UUID creatioId) {

    public EntityKey {
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(localId, "localId");
    }

    /** A key for a record not yet known in Creatio. */
    public static EntityKey local(EntityType entityType, UUID localId) {
        return new EntityKey(entityType, localId, null);
    }

    /** The Kafka key of every message about this record: {@code <type>:<localId>}. */
    public String kafkaKey() {
        return kafkaKey(entityType, localId);
    }

    /** The Kafka key of every message about the record {@code entityType}/{@code localId}. */
    public static String kafkaKey(EntityType entityType, UUID localId) {
        return entityType.wire() + ":" + localId;
    }

    /** This key with the Creatio id set. */
    public EntityKey withCreatioId(UUID id) {
        return new EntityKey(entityType, localId, id);
    }
}
