package com.nia.crmsync.syncapi.deadletters;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The answer to a replay: which dead letters were replayed (or would be, in a dry run) and which were skipped, and why. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ReplayView(boolean dryRun, List<Replayed> replayed, List<Skipped> skipped) {

    /** A dead letter re-published to its origin topic with its key. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Replayed(String id, String originTopic, String key) {
    }

    /** A dead letter left as it is, e.g. {@code already replayed}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Skipped(String id, String reason) {
    }
}
