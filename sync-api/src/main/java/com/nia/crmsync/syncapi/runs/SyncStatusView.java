package com.nia.crmsync.syncapi.runs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code GET /api/v1/crm/sync/status/}: where the records stand (per status, per entity type and
 * status), the success rate (synced / (synced + failed), null before any), timings of recent
 * sync-log entries, the last finished run and the open ones, recent failures, the conflict count
 * and the Creatio call quota from the gateway.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SyncStatusView(Map<String, Long> byStatus, Map<String, Map<String, Long>> byEntity, Double successRate,
        Timings timings, RunView lastRun, List<RunView> currentRuns, List<Failure> recentFailures, long conflicts, Quota quota,
        Instant at) {

    /** Durations of the newest sync-log entries that have one. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Timings(long sampleSize, Double averageMillis, Double p95Millis, Instant lastSyncedAt) {
    }

    /** A failed record. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Failure(String entityType, UUID localId, String lastError, int retryCount, Instant nextRetryAt, Instant updatedAt) {
    }

    /** Today's Creatio call quota; {@code available} false with the reason when the gateway did not answer. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Quota(boolean available, String reason, LocalDate day, Long used, Long dailyQuota, Long remaining, Long bulkStopsAt,
            Long realtimeStopsAt) {

        static Quota unavailable(String reason) {
            return new Quota(false, reason, null, null, null, null, null, null);
        }
    }
}
