package com.nia.crmsync.router;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services behind the front router listen, and how long the router keeps an idle connection to them. */
@ConfigMapping(prefix = "router")
public interface RouterConfig {

    /** Base URL of sync-api; default {@code http://127.0.0.1:8081}. */
    @WithDefault("http://127.0.0.1:8081")
    String syncApiUrl();

    /** Base URL of conflict-service; default {@code http://127.0.0.1:8082}. */
    @WithDefault("http://127.0.0.1:8082")
    String conflictServiceUrl();

    /**
     * How long an idle pooled connection to a service may be reused, in whole seconds (at least 1);
     * default {@code 1s}. It must stay below the services' own idle timeout
     * ({@code quarkus.http.idle-timeout}, 30 minutes by default), so that the router, not the
     * service, retires an idle connection.
     */
    @WithDefault("1s")
    Duration upstreamKeepAliveTimeout();
}
