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

    /**
     * The gateway's link to Creatio: quota, breaker states, the last token request, the queues, and whether Creatio
     * answers its calls ({@code reachability}).
     */
    public record CreatioLink(String apiUrl, String odataRoot, boolean credentialsConfigured, Quota quota, Map<String, String> breakers,
            AuthResult lastAuth, Map<String, Integer> queued, int inFlight, Instant at, Reachability reachability) {
    }

    /** Today's Creatio call quota, shared by every gateway replica. */
    public record Quota(LocalDate day, long used, long dailyQuota, long bulkStopsAt, long realtimeStopsAt, long remaining) {
    }

    /** What the gateway knows about its last token request. */
    public record AuthResult(boolean ok, Instant at, String code, String message, Instant tokenExpiresAt) {
    }

    /**
     * Whether Creatio answers the gateway's calls, from the calls themselves (no call is made to find out): when it
     * last answered (any answer, even a refusal), since when every call failed for want of an answer (unreachable,
     * 5xx, timeout, identity service down; null while it answers), and the last such failure.
     */
    public record Reachability(Instant lastAnswerAt, Instant unreachableSince, Instant lastFailureAt, String lastFailureCode) {
    }

    /** The quota, or null when the gateway did not report one. */
    public Quota quota() {
        return creatio == null ? null : creatio.quota();
    }
}
