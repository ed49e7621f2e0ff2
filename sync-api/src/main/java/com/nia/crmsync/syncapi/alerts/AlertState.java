package com.nia.crmsync.syncapi.alerts;

import java.time.Instant;
import java.util.Map;

/**
 * An alert's state (one row of {@code alert_state} per key): {@code firing} from {@code startedAt}, or
 * {@code resolved} at {@code endedAt}; {@code lastNotifiedAt} is when its last notification was queued. The details
 * are the last firing evaluation's.
 */
public record AlertState(String key, Severity severity, String summary, Map<String, Object> details, Status status, Instant startedAt,
        Instant endedAt, Instant lastNotifiedAt) {

    /** Firing or resolved. */
    public enum Status {
        FIRING,
        RESOLVED;

        /** The name in JSON. */
        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public boolean firing() {
        return status == Status.FIRING;
    }
}
