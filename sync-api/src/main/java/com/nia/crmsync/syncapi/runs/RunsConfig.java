package com.nia.crmsync.syncapi.runs;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How runs are planned and looked after. */
@ConfigMapping(prefix = "sync-api.runs")
public interface RunsConfig {

    /** Records planned per transaction by a {@code sync_all} run; default 500. */
    @WithDefault("500")
    int planBatchSize();

    /** A run whose planning made no progress this long is marked failed (a restart stopped it); default 2 min. */
    @WithDefault("2m")
    Duration staleAfter();

    /** Sync-log entries (newest first) the status' timings are computed over; default 1000. */
    @WithDefault("1000")
    int timingWindow();
}
