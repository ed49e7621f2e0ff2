package com.nia.crmsync.syncapi.results;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sync log's retention ({@code sync-api.log.*}). */
@ConfigMapping(prefix = "sync-api.log")
public interface SyncLogConfig {

    /** How long entries are kept; default 30 days. */
    @WithDefault("30d")
    Duration retention();

    /** How often the purge runs; default 1 h. */
    @WithDefault("1h")
    String purgeEvery();

    /** Entries deleted per statement, so a large purge never holds a long lock; default 5,000. */
    @WithDefault("5000")
    int purgeBatchSize();
}
