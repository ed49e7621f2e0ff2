package com.nia.crmsync.syncapi.runs;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.planning.DryRunPlans;
import com.nia.crmsync.syncapi.planning.SyncRun;

/**
 * A run and its progress: {@code progress_percent} is {@code done} of {@code total} (100 once finished);
 * a dry run adds {@code plan}, its totals per action and the Creatio calls the real run would cost.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunView(UUID id, String kind, String status, String requestedBy, Map<String, Object> params, boolean dryRun,
        int total, int done, int synced, int noChange, int conflicts, int failed, int skipped, int progressPercent,
        Instant createdAt, Instant startedAt, Instant finishedAt, String error,
        @JsonInclude(JsonInclude.Include.NON_NULL) DryRunPlans.Summary plan) {

    public static RunView of(SyncRun r) {
        int progress;
        if (RunStatus.COMPLETED.equals(r.status)) {
            progress = 100;
        } else if (r.total == 0) {
            progress = 0;
        } else {
            progress = (int) Math.min(100, (long) r.done * 100 / r.total);
        }
        return new RunView(r.id, r.kind, r.status, r.requestedBy, r.params, r.dryRun, r.total, r.done, r.synced, r.noChange,
                r.conflicts, r.failed, r.skipped, progress, r.createdAt, r.startedAt, r.finishedAt, r.error, null);
    }

    /** This view with a dry run's plan totals (the lines: {@code plan.plan_url}). */
    public RunView withPlan(DryRunPlans.Summary summary) {
        return new RunView(id, kind, status, requestedBy, params, dryRun, total, done, synced, noChange, conflicts, failed, skipped,
                progressPercent, createdAt, startedAt, finishedAt, error, summary);
    }
}
