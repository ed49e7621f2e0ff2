package com.nia.crmsync.syncapi.deletes;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The id reconciliation's schedule ({@code sync-api.reconcile.*}); each entity's interval is in the configuration. */
@ConfigMapping(prefix = "sync-api.reconcile")
public interface ReconcileConfig {

    /** How often the scheduler checks whether an entity's reconciliation is due; {@code off} disables it; default 1 min. */
    @WithDefault("1m")
    String every();

    /** A command asked for and not answered for this long is given up and the cycle started again; default 5 min. */
    @WithDefault("5m")
    Duration pageTimeout();

    /** Ids not listed that one cycle checks by id at most (the rest wait for the next cycle); default 1,000. */
    @WithDefault("1000")
    int maxChecked();
}
