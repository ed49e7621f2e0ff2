package com.nia.crmsync.client.model;

import java.time.Instant;
import java.util.List;

/**
 * {@code POST /api/v1/crm/dead-letters/replay}: the dead letters by id, or a filter (origin topic,
 * reason substring, since), and whether it is a dry run.
 */
public record ReplayRequest(List<String> ids, String topic, String reason, Instant since, boolean dryRun) {
}
