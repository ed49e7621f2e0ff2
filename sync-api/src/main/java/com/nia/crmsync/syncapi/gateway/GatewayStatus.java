package com.nia.crmsync.syncapi.gateway;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The part of the gateway's {@code GET /internal/v1/status} answer sync-api uses: that it is up
 * and the call quota. Everything else it says (breakers, token requests, URLs) stays inside.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GatewayStatus(String status, Instant at, Creatio creatio) {

    /** The gateway's view of Creatio. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Creatio(Quota quota) {
    }

    /** Today's Creatio call quota, shared by every gateway replica. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quota(LocalDate day, long used, long dailyQuota, long bulkStopsAt, long realtimeStopsAt, long remaining) {
    }

    /** The quota, or null when the gateway did not report one. */
    public Quota quota() {
        return creatio == null ? null : creatio.quota();
    }
}
