package com.nia.crmsync.client.model;

import java.util.Map;
import java.util.UUID;

/**
 * One record's plan in a dry run: the action and the field diffs
 * ({@code field → {column, creatio: {from, to}, nia: {from, to}}}).
 */
public record PlanLine(String entityType, UUID localId, UUID creatioId, String action, String outcome, Map<String, Object> changes,
        int plannedCalls, String error) {
}
