package com.nia.crmsync.simulator.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.service.CallMetrics;
import com.nia.crmsync.simulator.service.ODataService;

/**
 * Counts every identity and OData request at the HTTP layer, before any resource runs, so calls
 * in flight include requests held by latency and hang faults, and statuses include the 401s and
 * fault answers that never reach a resource. The control API and {@code /q} are not counted.
 * The columns a write carried come from the resource that parsed its body ({@link #noteColumns}).
 */
@ApplicationScoped
public class RequestTracker {

    private static final String COLUMNS = RequestTracker.class.getName() + ".columns";

    private final CallMetrics metrics;
    private final String odataRoot;

    public RequestTracker(CallMetrics metrics, SimulatorConfig config) {
        this.metrics = metrics;
        String root = config.odata().root();
        this.odataRoot = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    }

    /** Hands the column names of the write being served to this request's log entry. */
    public static void noteColumns(RoutingContext context, List<String> columns) {
        context.put(COLUMNS, columns);
    }

    void install(@Observes Router router) {
        router.route().order(-1_000).handler(this::track);
    }

    private void track(RoutingContext context) {
        // Clients may percent-encode the '$' of $metadata and $batch; group by the decoded path.
        String path = decode(context.request().path());
        String group = groupOf(path);
        if (group == null) {
            context.next();
            return;
        }
        long started = System.nanoTime();
        String method = context.request().method().name();
        String query = context.request().query();
        metrics.started();
        context.addEndHandler(done -> {
            metrics.finished();
            metrics.record(group, method, path, query, context.response().getStatusCode(),
                    (System.nanoTime() - started) / 1_000_000, context.get(COLUMNS));
        });
        context.next();
    }

    private static String decode(String path) {
        if (path == null || path.indexOf('%') < 0) {
            return path;
        }
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return path;
        }
    }

    private String groupOf(String path) {
        if (path == null || path.startsWith("/q/") || path.startsWith("/sim")) {
            return null;
        }
        if (path.contains("/connect/") || path.contains("/.well-known/")) {
            return "identity";
        }
        if (path.equals(odataRoot) || path.startsWith(odataRoot + "/")) {
            String rest = path.substring(odataRoot.length());
            return ODataService.groupOf(rest.startsWith("/") ? rest.substring(1) : rest);
        }
        return "other";
    }
}
