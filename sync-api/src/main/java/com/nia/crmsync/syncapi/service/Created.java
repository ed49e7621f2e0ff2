package com.nia.crmsync.syncapi.service;

/** A created resource, or for a repeated idempotent call the one the first call created ({@code isNew} false). */
public record Created<T>(T view, boolean isNew) {
}
