package com.nia.crmsync.syncapi.gateway;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One Creatio entity set's columns (name → EDM type) and navigation properties, from {@code $metadata}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EntityColumns(String set, Map<String, String> columns, List<String> navigationProperties) {

    /** Whether {@code column} is a column of this set. */
    public boolean has(String column) {
        return columns != null && columns.containsKey(column);
    }
}
