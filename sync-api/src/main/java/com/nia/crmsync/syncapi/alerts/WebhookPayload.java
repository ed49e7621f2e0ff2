package com.nia.crmsync.syncapi.alerts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The webhook's JSON body for one notification (snake_case): {@code alert_key}, {@code severity}, {@code status}
 * ({@code firing} or {@code resolved}), {@code summary}, {@code details}, {@code started_at}, {@code ended_at}
 * (resolved only), {@code source}; with the Slack option also {@code text}, a one-line message Slack's incoming
 * webhooks show.
 */
public final class WebhookPayload {

    /** Names the sender in every body. */
    public static final String SOURCE = "nia-creatio-sync/sync-api";

    private WebhookPayload() {
    }

    /** The body of {@code n}. */
    public static Map<String, Object> of(AlertNotification n, boolean slack) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alert_key", n.key());
        body.put("severity", n.severity().wire());
        body.put("status", n.status().wire());
        body.put("summary", n.summary());
        body.put("details", n.details());
        body.put("started_at", n.startedAt() == null ? null : n.startedAt().toString());
        body.put("ended_at", n.endedAt() == null ? null : n.endedAt().toString());
        body.put("source", SOURCE);
        if (slack) {
            body.put("text", text(n));
        }
        return body;
    }

    /** The one-line message: status, severity, summary, key and since when. */
    static String text(AlertNotification n) {
        String mark = n.status() == AlertState.Status.FIRING ? ":rotating_light: FIRING" : ":white_check_mark: RESOLVED";
        String when = n.status() == AlertState.Status.FIRING ? "since " + n.startedAt() : "at " + n.endedAt();
        return mark + " [" + n.severity().wire() + "] " + n.summary() + " (" + n.key() + ", " + when + ")";
    }
}
