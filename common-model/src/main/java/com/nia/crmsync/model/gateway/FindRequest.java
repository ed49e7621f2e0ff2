package com.nia.crmsync.model.gateway;

import java.util.List;

/**
 * Records to find by one column's values ({@code POST /entities/{set}/find}); {@code select} adds
 * columns to {@code Id} and the column.
 */
public record FindRequest(String column, List<String> values, List<String> select) {
}
