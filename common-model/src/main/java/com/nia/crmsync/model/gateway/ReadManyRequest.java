package com.nia.crmsync.model.gateway;

import java.util.List;
import java.util.UUID;

/** Many records by {@code Id} ({@code POST /entities/{set}/read}), with the columns wanted. */
public record ReadManyRequest(List<UUID> ids, List<String> select) {
}
