package com.nia.crmsync.model.gateway;

import java.util.Map;
import java.util.UUID;

/** A create ({@code POST /entities/{set}}): the caller-allocated {@code Id} and the columns. */
public record CreateRequest(UUID id, Map<String, Object> columns) {
}
