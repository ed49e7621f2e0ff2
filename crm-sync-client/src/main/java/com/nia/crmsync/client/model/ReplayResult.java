package com.nia.crmsync.client.model;

import java.util.List;

/** What a replay did: the dead letters re-published to their origin topic, and those skipped with why. */
public record ReplayResult(boolean dryRun, List<Replayed> replayed, List<Skipped> skipped) {

    /** A dead letter re-published (or, in a dry run, that would be). */
    public record Replayed(String id, String originTopic, String key) {
    }

    /** A dead letter left alone, and why ({@code already replayed}). */
    public record Skipped(String id, String reason) {
    }
}
