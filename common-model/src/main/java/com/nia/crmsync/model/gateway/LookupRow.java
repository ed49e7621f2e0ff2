package com.nia.crmsync.model.gateway;

import java.util.UUID;

/**
 * A lookup row resolved by name ({@code GET /lookups/{lookup}?name=}).
 *
 * @param lookup      the lookup entity set
 * @param name        the name asked for
 * @param id          the row's Id
 * @param creatioName the name Creatio uses (a synonym may differ)
 */
public record LookupRow(String lookup, String name, UUID id, String creatioName) {
}
