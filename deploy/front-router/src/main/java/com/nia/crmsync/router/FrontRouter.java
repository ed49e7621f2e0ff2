package com.nia.crmsync.router;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.ext.web.Router;
import io.vertx.httpproxy.HttpProxy;

/**
 * One base URL for the public API: a reverse proxy that sends each request under {@code /api/}
 * to the service the {@link RouteTable} names, unchanged (method, path, query, headers including
 * {@code Authorization}, body), over pooled keep-alive connections. Unrouted paths get a
 * problem+json 404.
 */
@ApplicationScoped
public class FrontRouter {

    private final RouterConfig config;

    public FrontRouter(RouterConfig config) {
        this.config = config;
    }

    void install(@Observes Router router, Vertx vertx) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setMaxPoolSize(50));
        Map<RouteTable.Upstream, HttpProxy> proxies = new EnumMap<>(RouteTable.Upstream.class);
        proxies.put(RouteTable.Upstream.SYNC_API, proxyTo(client, config.syncApiUrl()));
        proxies.put(RouteTable.Upstream.CONFLICT_SERVICE, proxyTo(client, config.conflictServiceUrl()));
        Log.infof("Front router: sync-api at %s, conflict-service at %s", config.syncApiUrl(), config.conflictServiceUrl());

        router.route("/api/*").order(-10).handler(rc -> {
            var upstream = RouteTable.route(rc.normalizedPath());
            if (upstream.isEmpty()) {
                rc.response().setStatusCode(404)
                        .putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                                + "\"detail\":\"No service answers this path\",\"instance\":\"" + escape(rc.normalizedPath()) + "\"}");
                return;
            }
            proxies.get(upstream.get()).handle(rc.request());
        });
    }

    private static HttpProxy proxyTo(HttpClient client, String baseUrl) {
        URI uri = URI.create(baseUrl);
        return HttpProxy.reverseProxy(client).origin(uri.getPort(), uri.getHost());
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
