package com.nia.crmsync.syncapi.alerts;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * sync-api's own alerts ({@code sync-api.alerts.*}; environment variables named like the keys, e.g.
 * {@code SYNC_API_ALERTS_WEBHOOK_URL}): how often they are evaluated, their thresholds, and the webhook that
 * hears when one fires or clears (docs/observability.md, "Webhook alerts").
 */
@ConfigMapping(prefix = "sync-api.alerts")
public interface AlertsConfig {

    /** How often the alerts are evaluated; {@code off} disables evaluation (the list stays as it was); default 30 s. */
    @WithDefault("30s")
    String every();

    /** The webhook that is notified when an alert fires or clears. */
    Webhook webhook();

    /** Quota alerts: the share of the day's Creatio call budget used. */
    Quota quota();

    /**
     * How long Creatio must have failed to answer every call before "Creatio unreachable" fires (an open breaker
     * fires it at once); default 1 min.
     */
    @WithDefault("1m")
    Duration unreachableAfter();

    /**
     * While Creatio seems unreachable, how often sync-api asks the gateway for a connection test (one Creatio read), so
     * the alert clears when Creatio is back even when no sync is running; default 1 min.
     */
    @WithDefault("1m")
    Duration probeEvery();

    /** "Dead letters growing": this many records or more dead-lettered within {@link #deadLetterWindow()}; default 1. */
    @WithDefault("1")
    int deadLetterThreshold();

    /** The window of "dead letters growing"; default 15 min. */
    @WithDefault("15m")
    Duration deadLetterWindow();

    /** "Pending conflicts over threshold": more records waiting for a person's decision than this; default 50. */
    @WithDefault("50")
    int conflictThreshold();

    /** "A run failed": a run that failed within this window keeps the alert firing; default 1 h. */
    @WithDefault("1h")
    Duration failedRunWindow();

    /** How long a resolved alert stays in {@code GET /api/v1/crm/alerts?status=resolved}; default 7 days. */
    @WithDefault("7d")
    Duration resolvedRetention();

    /** Quota thresholds, as shares of the day's budget. */
    interface Quota {

        /** The warning share; default 0.75. */
        @WithDefault("0.75")
        double warning();

        /** The critical share; default 0.95. */
        @WithDefault("0.95")
        double critical();
    }

    /** Where notifications go, and how they are retried. */
    interface Webhook {

        /** The webhook's URL; none (the default) sends nothing, the alerts are still listed. */
        Optional<String> url();

        /** The header that carries {@link #secret()}; default {@code X-Alert-Secret}. */
        @WithDefault("X-Alert-Secret")
        String secretHeader();

        /** A shared secret sent in {@link #secretHeader()} with every notification; none by default. */
        Optional<String> secret();

        /** Adds a Slack-compatible {@code text} field to the body; default false. */
        @WithDefault("false")
        boolean slack();

        /** One delivery attempt's timeout; default 5 s. */
        @WithDefault("5s")
        Duration timeout();

        /** Attempts per notification before it is given up (with a WARN line); default 8. */
        @WithDefault("8")
        int maxAttempts();

        /** The wait before the first retry, doubled for each next one; default 1 s. */
        @WithDefault("1s")
        Duration backoff();

        /** The longest wait between two attempts; default 5 min. */
        @WithDefault("5m")
        Duration maxBackoff();

        /** Notifications waiting for delivery beyond this many are dropped, oldest first (with a WARN line); default 1000. */
        @WithDefault("1000")
        int queueCapacity();
    }
}
