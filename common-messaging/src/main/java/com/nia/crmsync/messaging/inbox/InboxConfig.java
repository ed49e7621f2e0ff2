package com.nia.crmsync.messaging.inbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How long the processed-message inbox remembers an event, and how it is purged ({@code crm-sync.inbox.*}). */
@ConfigMapping(prefix = "crm-sync.inbox")
public interface InboxConfig {

    /**
     * How long a processed event id is kept; default 8 days. It must exceed the longest time Kafka
     * may still redeliver an event (the topics' retention, Kafka's default 7 days; docs/kafka.md):
     * an event redelivered after its row is gone would be applied again.
     */
    @WithDefault("8d")
    Duration retention();

    /** How often the purge runs ({@code off} disables it); default 1 h, first run 2 min after start. */
    @WithDefault("1h")
    String purgeEvery();

    /** Rows deleted per transaction; default 5000. */
    @WithDefault("5000")
    int purgeBatchSize();
}
