package com.nia.crmsync.syncapi.records;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.nia.crmsync.model.entity.EntityType;

/** Every {@link RecordAccess} bean, by entity type. */
@ApplicationScoped
public class RecordAccesses {

    private final Map<EntityType, RecordAccess> byType = new EnumMap<>(EntityType.class);

    public RecordAccesses(Instance<RecordAccess> all) {
        for (RecordAccess access : all) {
            byType.put(access.type(), access);
        }
    }

    /** The access of {@code type}; an unsupported type is a programming error. */
    public RecordAccess of(EntityType type) {
        RecordAccess access = byType.get(type);
        if (access == null) {
            throw new IllegalArgumentException("No NIA record store for entity type " + type.wire());
        }
        return access;
    }

    /** Whether NIA mirrors {@code type}'s Creatio records (pulled and reconciled; see {@link RecordAccess#mirrorsCreatio()}). */
    public boolean mirrored(EntityType type) {
        RecordAccess access = byType.get(type);
        return access != null && access.mirrorsCreatio();
    }

    /** Whether the pull reads {@code type}'s Creatio changes (see {@link RecordAccess#pulled()}). */
    public boolean pulled(EntityType type) {
        RecordAccess access = byType.get(type);
        return access != null && access.pulled();
    }

    /** Whether {@code type} has NIA records the sync can read. */
    public boolean supports(EntityType type) {
        return byType.containsKey(type);
    }
}
