package com.nia.crmsync.syncapi.runs;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The answer to a trigger: the run and where to follow it; {@code count} for {@code retry-failed}
 * (records re-queued). {@code replayed} is true when an earlier call with the same
 * {@code Idempotency-Key} had started the run.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Triggered(UUID runId, String statusUrl, Long count, boolean replayed) {

    /** The path of a run's view. */
    public static String statusUrl(UUID runId) {
        return "/api/v1/crm/sync/runs/" + runId;
    }

    static Triggered of(UUID runId, Long count, boolean replayed) {
        return new Triggered(runId, statusUrl(runId), count, replayed);
    }
}
