package com.nia.crmsync.worker.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * When a worker takes work ({@code sync-worker.readiness.*}; environment {@code WORKER_SELF_CHECK},
 * {@code WORKER_READINESS_HOLD}, {@code WORKER_PROBE_MIN}, {@code WORKER_PROBE_MAX}): its startup
 * self-check, how long a passing failure of its dependencies holds a record, and the probe's back-off.
 */
@ConfigMapping(prefix = "sync-worker.readiness")
public interface ReadinessConfig {

    /**
     * Whether the worker proves, before it joins the command consumer group, that its credentials fetch a
     * token and the gateway answers an authenticated call; default true.
     */
    @WithDefault("true")
    boolean selfCheck();

    /**
     * How long a passing failure of the worker's dependencies (identity provider or gateway not answering)
     * holds the record and the partitions before the worker leaves the consumer group; default 20 s. A
     * configuration failure (credentials refused) leaves at once.
     */
    @WithDefault("PT20S")
    Duration hold();

    /** The first wait between two probes of a failing dependency, doubled after each failed probe; default 1 s. */
    @WithDefault("PT1S")
    Duration probeMin();

    /** The longest wait between two probes; default 10 s (so a worker started before its gateway is ready soon after it). */
    @WithDefault("PT10S")
    Duration probeMax();
}
