package com.nia.crmsync.syncapi.alerts;

import java.time.Instant;
import java.util.Map;

/** One message to the webhook: an alert started firing, or it was resolved. */
public record AlertNotification(String key, Severity severity, AlertState.Status status, String summary, Map<String, Object> details,
        Instant startedAt, Instant endedAt) {

    static AlertNotification of(AlertState state) {
        return new AlertNotification(state.key(), state.severity(), state.status(), state.summary(), state.details(), state.startedAt(),
                state.endedAt());
    }
}
