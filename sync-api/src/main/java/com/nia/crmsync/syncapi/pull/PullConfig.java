package com.nia.crmsync.syncapi.pull;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The incremental pull's schedule ({@code sync-api.pull.*}); each entity's interval is in the configuration. */
@ConfigMapping(prefix = "sync-api.pull")
public interface PullConfig {

    /** How often the scheduler checks whether an entity's pull is due; {@code off} disables it; default 5 s. */
    @WithDefault("5s")
    String every();

    /** How far before the watermark each cycle starts, so late-visible commits are read; default 2 min. */
    @WithDefault("2m")
    Duration overlap();

    /** A page asked for and not answered for this long is asked for again; default 5 min. */
    @WithDefault("5m")
    Duration pageTimeout();
}
