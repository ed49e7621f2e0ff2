package com.nia.crmsync.worker.sync;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the worker sends its writes ({@code sync-worker.writes.*}; environment
 * {@code SYNC_WORKER_WRITES_BATCHES_IN_FLIGHT}).
 */
@ConfigMapping(prefix = "sync-worker.writes")
public interface WriteConfig {

    /**
     * {@code $batch} calls of one poll sent to the gateway at once; keep it at or under the gateway's
     * {@code creatio.budget.max-concurrency} (4), which holds the rest; 1 sends them one after the other;
     * default 4.
     */
    @WithDefault("4")
    int batchesInFlight();
}
