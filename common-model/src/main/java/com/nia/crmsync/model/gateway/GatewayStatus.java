package com.nia.crmsync.model.gateway;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's {@code GET /status} answer: its name, that it is up, the calling service and its
 * roles, the time, and its read-only view of Creatio (no secret).
 */
public record GatewayStatus(String service, String status, String caller, Set<String> callerRoles, Instant at, CreatioLink creatio) {

    /** The gateway's link to Creatio: quota, breaker states, the last token request, the queues. */
    public record CreatioLink(String apiUrl, String odataRoot, boolean credentialsConfigured, Quota quota, Map<String, String> breakers,
            AuthResult lastAuth, Map<String, Integer> queued, int inFlight, Instant at) {
    }

    /** Today's Creatio call quota, shared by every gateway replica. */
    public record Quota(LocalDate day, long used, long dailyQuota, long bulkStopsAt, long realtimeStopsAt, long remaining) {
    }

    /** What the gateway knows about its last token request. */
    public record AuthResult(boolean ok, Instant at, String code, String message, Instant tokenExpiresAt) {
    }

    /** The quota, or null when the gateway did not report one. */
    public Quota quota() {
        return creatio == null ? null : creatio.quota();
    }
}
