package com.nia.crmsync.router;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services behind the front router listen. */
@ConfigMapping(prefix = "router")
public interface RouterConfig {

    /** Base URL of sync-api; default {@code http://127.0.0.1:8081}. */
    @WithDefault("http://127.0.0.1:8081")
    String syncApiUrl();

    /** Base URL of conflict-service; default {@code http://127.0.0.1:8082}. */
    @WithDefault("http://127.0.0.1:8082")
    String conflictServiceUrl();
}
