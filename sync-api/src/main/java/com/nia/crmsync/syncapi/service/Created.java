package com.nia.crmsync.syncapi.service;

/**
 * A created record, or for a repeated idempotent call the one the first call created ({@code isNew} false).
 *
 * @param view  the record
 * @param isNew whether this call created it
 */
public record Created<T>(T view, boolean isNew) {
}
