package com.nia.crmsync.gateway.service;

import java.util.Map;

/**
 * One entity set as {@code $metadata} describes it: its name, its entity type and its columns
 * (name to EDM type, e.g. {@code Edm.Guid}); navigation properties are listed separately since
 * they cannot be written; text columns with a {@code MaxLength} facet have their size in
 * {@code maxLengths} (a text column without one, or with {@code max}, is unlimited).
 */
public record EntitySetInfo(String name, String entityType, Map<String, String> columns, java.util.Set<String> navigationProperties,
        Map<String, Integer> maxLengths) {
}
