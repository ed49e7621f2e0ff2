package com.nia.crmsync.model.gateway;

import java.util.List;
import java.util.Map;

/**
 * A page of records changed since a time ({@code GET /entities/{set}/changes}), ordered by
 * {@code ModifiedOn, Id}; {@code mayHaveMore} when the page is full.
 */
public record PageResponse(List<Map<String, Object>> records, int top, int skip, boolean mayHaveMore) {
}
