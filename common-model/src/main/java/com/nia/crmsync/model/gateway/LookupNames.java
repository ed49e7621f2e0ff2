package com.nia.crmsync.model.gateway;

import java.util.Map;
import java.util.UUID;

/**
 * The display names of lookup rows ({@code POST /lookups/names}): per lookup set, id → the row's
 * {@code Name}. An id with no row (or a set without a {@code Name} column) maps to null; an empty
 * lookup (the zero GUID) is never asked of Creatio.
 */
public record LookupNames(Map<String, Map<UUID, String>> names) {

    /** The name of {@code id} in {@code lookup}, or null. */
    public String nameOf(String lookup, UUID id) {
        if (names == null || id == null || names.get(lookup) == null) {
            return null;
        }
        return names.get(lookup).get(id);
    }
}
