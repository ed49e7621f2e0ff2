package com.nia.crmsync.model.gateway;

import java.util.Map;
import java.util.UUID;

/** The created record, and whether a failed answer was resolved by reading the {@code Id} back. */
public record CreateResponse(UUID id, boolean created, boolean verifiedByRead, Map<String, Object> entity) {
}
