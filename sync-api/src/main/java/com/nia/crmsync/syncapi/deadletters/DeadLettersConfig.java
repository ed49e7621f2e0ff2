package com.nia.crmsync.syncapi.deadletters;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the dead-letter endpoints read {@code crm.sync.dlq.v1} ({@code sync-api.dead-letters.*}): each
 * request reads with a consumer of its own, bounded in records and in time.
 */
@ConfigMapping(prefix = "sync-api.dead-letters")
public interface DeadLettersConfig {

    /** The newest records of each partition a list or a replay by filter reads; older ones are not seen; default 10000. */
    @WithDefault("10000")
    int maxScanned();

    /** How long one request may read the topic; what was not read by then is left out; default 10 s. */
    @WithDefault("10s")
    Duration readTimeout();
}
