package com.nia.crmsync.model.entity;

import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * A Creatio lookup value as people read it: the row's id with its display name next to it
 * ({@code {"id": "…", "name": "Qualification"}}); the name is null when it could not be resolved.
 */
public record LookupValue(String id, String name) {

    /**
     * {@code value} (a lookup id) with its name from {@code names} (id → name, as mismatches and
     * results carry them); null for an empty value.
     */
    public static LookupValue of(Object value, Map<String, String> names) {
        if (value == null) {
            return null;
        }
        String id = value.toString().toLowerCase(Locale.ROOT);
        return new LookupValue(id, names == null ? null : names.get(id));
    }

    /** The lookup id {@code value} holds, or null when it holds none (absent, or not an id). */
    public static UUID idOf(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
