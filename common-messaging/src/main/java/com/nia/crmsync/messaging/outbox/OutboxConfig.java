package com.nia.crmsync.messaging.outbox;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How the outbox and its relay run ({@code crm-sync.outbox.*}). Each service using the outbox
 * states its own {@link #lockKey()} and {@link #topics()} in its {@code application.properties}.
 */
@ConfigMapping(prefix = "crm-sync.outbox")
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

    /**
     * The PostgreSQL advisory lock that lets one replica relay at a time; no default, each service
     * names its own (advisory locks are database-wide, and two services may share a database).
     */
    OptionalLong lockKey();

    /** The topics this service may write through its outbox; default any. A message for another is refused. */
    Optional<Set<String>> topics();
}
