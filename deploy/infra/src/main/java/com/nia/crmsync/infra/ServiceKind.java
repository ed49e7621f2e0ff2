package com.nia.crmsync.infra;

/**
 * The packaged applications the stack runs: where each lives in the repository, its default port
 * in the local stack, and its database role (none for services that own nothing durable).
 */
public enum ServiceKind {
    CREATIO_SIMULATOR("creatio-simulator", "deploy/creatio-simulator", 8090, null),
    CREATIO_GATEWAY("creatio-gateway", "creatio-gateway", 8084, "creatio_gateway"),
    SYNC_API("sync-api", "sync-api", 8081, "sync_api"),
    CONFLICT_SERVICE("conflict-service", "conflict-service", 8082, "conflict_service"),
    SYNC_WORKER("sync-worker", "sync-worker", 8083, null),
    FRONT_ROUTER("front-router", "deploy/front-router", 8080, null);

    private final String id;
    private final String module;
    private final int defaultPort;
    private final String databaseRole;

    ServiceKind(String id, String module, int defaultPort, String databaseRole) {
        this.id = id;
        this.module = module;
        this.defaultPort = defaultPort;
        this.databaseRole = databaseRole;
    }

    public String id() {
        return id;
    }

    public String module() {
        return module;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The PostgreSQL role (and schema) of the service, or {@code null}. */
    public String databaseRole() {
        return databaseRole;
    }

    public boolean usesKafka() {
        return this == SYNC_API || this == CONFLICT_SERVICE || this == SYNC_WORKER;
    }

    /** Whether the service validates bearer tokens of the OpenID provider (it has endpoints beyond health). */
    public boolean validatesTokens() {
        return this == SYNC_API || this == CONFLICT_SERVICE || this == CREATIO_GATEWAY;
    }

    /** Whether the service holds a confidential client of the provider, for client-credentials calls to other services. */
    public boolean hasServiceClient() {
        return this == SYNC_API || this == CONFLICT_SERVICE || this == SYNC_WORKER;
    }
}
