package com.nia.crmsync.client.model;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A sync run and its progress ({@code GET /api/v1/crm/sync/runs/{id}}): {@code done} of
 * {@code total} records; a dry run adds its plan totals.
 */
public record Run(UUID id, String kind, String status, String requestedBy, Map<String, Object> params, boolean dryRun,
        int total, int done, int synced, int noChange, int conflicts, int failed, int skipped, int progressPercent,
        Instant createdAt, Instant startedAt, Instant finishedAt, String error, PlanSummary plan) {

    private static final Set<String> FINISHED = Set.of("completed", "failed");

    /** Whether the run is over ({@code completed} or {@code failed}). */
    public boolean finished() {
        return FINISHED.contains(status);
    }
}
