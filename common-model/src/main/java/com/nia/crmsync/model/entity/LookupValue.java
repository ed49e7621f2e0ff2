package com.nia.crmsync.model.entity;

/**
 * A Creatio lookup value as people read it: the row's id with its display name next to it
 * ({@code {"id": "…", "name": "Qualification"}}); the name is null when it could not be resolved.
 */
public record LookupValue(String id, String name) {
}
