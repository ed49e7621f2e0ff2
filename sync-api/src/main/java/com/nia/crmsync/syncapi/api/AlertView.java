package com.nia.crmsync.syncapi.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.alerts.AlertState;

/**
 * One alert as {@code GET /api/v1/crm/alerts} shows it: its key, severity, status ({@code firing} or
 * {@code resolved}), summary, the details of its last firing evaluation, when it started and ended, and when its
 * last notification was sent to the webhook.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AlertView(String alertKey, String severity, String status, String summary, Map<String, Object> details, Instant startedAt,
        Instant endedAt, Instant lastNotifiedAt) {

    static AlertView of(AlertState s) {
        return new AlertView(s.key(), s.severity().wire(), s.status().wire(), s.summary(), s.details(), s.startedAt(), s.endedAt(),
                s.lastNotifiedAt());
    }

    /** The answer: the alerts asked for, firing first. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AlertList(List<AlertView> items) {
    }
}
