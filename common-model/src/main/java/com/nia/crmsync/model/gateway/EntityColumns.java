package com.nia.crmsync.model.gateway;

import java.util.List;
import java.util.Map;

/**
 * One Creatio entity set's columns (name to EDM type, e.g. {@code Edm.Guid}), navigation
 * properties and text column sizes, from {@code $metadata} ({@code GET /metadata/{set}}).
 *
 * @param set                  the entity set
 * @param columns              column name → EDM type
 * @param navigationProperties the navigation properties (not writable)
 * @param maxLengths           text column → its size in characters ({@code MaxLength}); a text column
 *                             not listed is unlimited
 */
public record EntityColumns(String set, Map<String, String> columns, List<String> navigationProperties,
        Map<String, Integer> maxLengths) {

    /** Whether {@code column} is a column of this set. */
    public boolean has(String column) {
        return columns != null && columns.containsKey(column);
    }

    /** The size of a text column in characters, or {@code null} when it is unlimited (or not text, or unknown). */
    public Integer maxLength(String column) {
        return maxLengths == null ? null : maxLengths.get(column);
    }
}
