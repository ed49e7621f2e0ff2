package com.nia.crmsync.model.gateway;

import java.util.List;
import java.util.Map;

/**
 * One Creatio entity set's columns (name to EDM type, e.g. {@code Edm.Guid}) and navigation
 * properties, from {@code $metadata} ({@code GET /metadata/{set}}).
 */
public record EntityColumns(String set, Map<String, String> columns, List<String> navigationProperties) {

    /** Whether {@code column} is a column of this set. */
    public boolean has(String column) {
        return columns != null && columns.containsKey(column);
    }
}
