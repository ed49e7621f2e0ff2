package com.nia.crmsync.router;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The public API's route table: which service answers which path under the one base URL. The
 * longest matching prefix wins, so the conflict paths (including the seed's
 * {@code /api/v1/crm/sync/resolve-conflict/}) go to {@code conflict-service} and the rest of
 * {@code /api/v1/} to {@code sync-api}. The admin console ({@code /console}) and the browser
 * libraries it loads ({@code /webjars/}) are served by {@code sync-api} too. The same table is
 * documented in {@code docs/routing.md}.
 */
public final class RouteTable {

    /** A service behind the router. */
    public enum Upstream {
        SYNC_API, CONFLICT_SERVICE
    }

    /** One row: requests whose path starts with {@code prefix} go to {@code upstream}. */
    public record Route(String prefix, Upstream upstream) {
    }

    /** The table, in the order it is documented. */
    public static final List<Route> ROUTES = List.of(
            new Route("/api/v1/crm/conflicts", Upstream.CONFLICT_SERVICE),
            new Route("/api/v1/crm/sync/resolve-conflict", Upstream.CONFLICT_SERVICE),
            new Route("/api/v1/", Upstream.SYNC_API),
            new Route("/console", Upstream.SYNC_API),
            new Route("/webjars/", Upstream.SYNC_API));

    private static final List<Route> BY_LENGTH = ROUTES.stream()
            .sorted(Comparator.comparingInt((Route r) -> r.prefix().length()).reversed())
            .toList();

    private RouteTable() {
    }

    /** The upstream for a request path, or empty when no route matches (the router answers 404). */
    public static Optional<Upstream> route(String path) {
        if (path == null || path.contains("..")) {
            return Optional.empty();
        }
        for (Route r : BY_LENGTH) {
            if (matches(path, r.prefix())) {
                return Optional.of(r.upstream());
            }
        }
        return Optional.empty();
    }

    private static boolean matches(String path, String prefix) {
        if (prefix.endsWith("/")) {
            return path.startsWith(prefix);
        }
        // "/api/v1/crm/conflicts" matches itself, "/api/v1/crm/conflicts/..." and "...?": not "/api/v1/crm/conflictsX"
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
