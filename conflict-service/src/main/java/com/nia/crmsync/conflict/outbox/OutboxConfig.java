package com.nia.crmsync.conflict.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay runs. */
@ConfigMapping(prefix = "conflict-service.outbox")
public interface OutboxConfig {

    /** How often the relay looks for messages a commit did not relay at once; default 1 s. */
    @WithDefault("1s")
    String pollInterval();

    /** Messages published per transaction; default 200. */
    @WithDefault("200")
    int batchSize();

    /** How long the relay waits for the broker to acknowledge a batch; default 35 s. */
    @WithDefault("35s")
    Duration sendTimeout();
}
