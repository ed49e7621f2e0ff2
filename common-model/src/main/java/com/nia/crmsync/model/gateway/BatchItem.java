package com.nia.crmsync.model.gateway;

import java.util.Map;
import java.util.UUID;

/**
 * One write of a batch: {@code create} (with its caller-allocated {@code id}), {@code update}
 * (only the given columns) or {@code delete}, on an entity set.
 */
public record BatchItem(String op, String set, UUID id, Map<String, Object> columns) {
}
