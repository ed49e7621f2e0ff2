package com.nia.crmsync.client.model;

import java.util.UUID;

/**
 * The answer to a trigger: the run and where to follow it; {@code count} for {@code retry-failed}
 * (records re-queued); {@code replayed} when an earlier call with the same idempotency key started it.
 */
public record Triggered(UUID runId, String statusUrl, Long count, boolean replayed) {
}
