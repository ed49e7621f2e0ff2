package com.nia.crmsync.syncapi.planning;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a meeting's waiting records are looked at again and how long they may wait ({@code sync-api.meetings.*}). */
@ConfigMapping(prefix = "sync-api.meetings")
public interface MeetingsConfig {

    /** How often the waiting records are looked at again; default 2 s. */
    @WithDefault("2s")
    String waitCheck();

    /** A record waiting longer than this becomes {@code failed} with what it waited for; default 1 h. */
    @WithDefault("1h")
    Duration maxWait();
}
