package com.nia.crmsync.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/v1/crm/conflicts, CONFLICT_SERVICE",
            "/api/v1/crm/conflicts/, CONFLICT_SERVICE",
            "/api/v1/crm/conflicts/42/audit, CONFLICT_SERVICE",
            "/api/v1/crm/conflicts/bulk-resolve, CONFLICT_SERVICE",
            "/api/v1/crm/conflicts/3f1d0f6e-6a3b-4a59-9d7e-5a9c1f2b7c10, CONFLICT_SERVICE",
            "/api/v1/crm/conflicts/3f1d0f6e-6a3b-4a59-9d7e-5a9c1f2b7c10/dismiss, CONFLICT_SERVICE",
            "/api/v1/crm/conflicts/3f1d0f6e-6a3b-4a59-9d7e-5a9c1f2b7c10/retry, CONFLICT_SERVICE",
            "/api/v1/crm/sync/resolve-conflict/, CONFLICT_SERVICE",
            "/api/v1/crm/sync/resolve-conflict, CONFLICT_SERVICE",
            "/api/v1/crm/sync/sync_all/, SYNC_API",
            "/api/v1/crm/sync/status/, SYNC_API",
            "/api/v1/leads, SYNC_API",
            "/api/v1/crm/conflictsX, SYNC_API",
            "/api/v1/crm/competitors/, SYNC_API",
            "/console, SYNC_API",
            "/console/, SYNC_API",
            "/console/app.js, SYNC_API",
            "/webjars/alpinejs/dist/cdn.min.js, SYNC_API"
    })
    void routesEachPublicPathToItsService(String path, RouteTable.Upstream expected) {
        assertThat(RouteTable.route(path)).contains(expected);
    }

    @ParameterizedTest
    @CsvSource({"/api/v2/leads", "/q/health", "/api/v1", "/api/v1/../../etc/passwd", "/", "/consoleX", "/webjars", "/console/../q/health"})
    void leavesUnknownPathsUnrouted(String path) {
        assertThat(RouteTable.route(path)).isEmpty();
    }
}
