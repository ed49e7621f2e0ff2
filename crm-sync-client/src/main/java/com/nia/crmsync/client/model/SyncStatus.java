package com.nia.crmsync.client.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET /api/v1/crm/sync/status/}: records per status and per entity type, the success rate,
 * recent timings, the last and the open runs, recent failures, the conflict count and the quota.
 */
public record SyncStatus(Map<String, Long> byStatus, Map<String, Map<String, Long>> byEntity, Double successRate, Timings timings,
        Run lastRun, List<Run> currentRuns, List<Failure> recentFailures, long conflicts, Quota quota, Instant at) {

    /** Durations of the newest sync-log entries that have one. */
    public record Timings(long sampleSize, Double averageMillis, Double p95Millis, Instant lastSyncedAt) {
    }

    /** A failed record. */
    public record Failure(String entityType, UUID localId, String lastError, int retryCount, Instant nextRetryAt, Instant updatedAt) {
    }

    /** Today's Creatio call quota; {@code available} false with the reason when the gateway did not answer. */
    public record Quota(boolean available, String reason, LocalDate day, Long used, Long dailyQuota, Long remaining, Long bulkStopsAt,
            Long realtimeStopsAt) {
    }
}
