package com.nia.crmsync.syncapi.planning;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How records are planned, retried and recovered ({@code sync-api.sync.*}). */
@ConfigMapping(prefix = "sync-api.sync")
public interface SyncConfig {

    /** Back-off of transient failures. */
    RetryBackoff retry();

    /**
     * How long a record waits after the gateway refused without calling Creatio (budget spent,
     * circuit breaker open); default 1 min — a refusal costs no Creatio call, and a breaker closes
     * again within seconds.
     */
    @WithDefault("1m")
    Duration budgetPause();

    /** A record in progress for longer than this without a result is planned again; default 10 min. */
    @WithDefault("10m")
    Duration staleAfter();

    /** The retry scheduler. */
    Scheduler scheduler();

    /** Exponential back-off with full jitter. */
    interface RetryBackoff {

        /** The ceiling of the first retry's delay; default 5 s. */
        @WithDefault("5s")
        Duration base();

        /** The largest ceiling, however many retries; default 15 min. */
        @WithDefault("15m")
        Duration cap();
    }

    /** The scheduler that plans due retries and stale records again. */
    interface Scheduler {

        /** How often it looks for due records; default 5 s. */
        @WithDefault("5s")
        String every();

        /** Records planned per run (one transaction); default 200. */
        @WithDefault("200")
        int batchSize();
    }
}
