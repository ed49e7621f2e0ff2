package com.nia.crmsync.router;

import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.logging.Log;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.HttpProxy;

/**
 * One base URL for the public API and the admin console: a reverse proxy that sends each request
 * under {@code /api/}, {@code /console} and {@code /webjars/} to the service the {@link RouteTable} names, unchanged (method, path, query, headers including
 * {@code Authorization}, body), over pooled keep-alive connections. Unrouted paths get a
 * problem+json 404.
 *
 * <p>The router retires an idle pooled connection after {@link RouterConfig#upstreamKeepAliveTimeout()},
 * before the service's own idle timeout can close it: a request written on a connection the
 * service is closing gets no answer, which used to surface as a spurious 502. What still gets no
 * answer goes to {@link UpstreamFailureInterceptor} (one retry for a safe request, a problem+json
 * 502 otherwise).
 */
@ApplicationScoped
public class FrontRouter {

    /** How often the pool drops expired connections: it does not check them when it hands one out. */
    private static final int POOL_CLEANER_PERIOD_MS = 100;
    private static final int MAX_CONNECTIONS = 50;
    /** The paths the router proxies (Vert.x route patterns); what no {@link RouteTable} row matches gets a 404. */
    private static final List<String> ROUTED_PATHS = List.of("/api/*", "/console*", "/webjars/*");

    private final RouterConfig config;

    public FrontRouter(RouterConfig config) {
        this.config = config;
    }

    void install(@Observes Router router, Vertx vertx) {
        int keepAliveSeconds = (int) Math.max(1, config.upstreamKeepAliveTimeout().toSeconds());
        HttpClient pooled = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setKeepAliveTimeout(keepAliveSeconds),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS).setCleanerPeriod(POOL_CLEANER_PERIOD_MS));
        HttpClient fresh = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
                new PoolOptions().setHttp1MaxSize(MAX_CONNECTIONS));
        Map<RouteTable.Upstream, HttpProxy> proxies = new EnumMap<>(RouteTable.Upstream.class);
        proxies.put(RouteTable.Upstream.SYNC_API, proxyTo("sync-api", config.syncApiUrl(), pooled, fresh));
        proxies.put(RouteTable.Upstream.CONFLICT_SERVICE, proxyTo("conflict-service", config.conflictServiceUrl(), pooled, fresh));
        Log.infof("Front router: sync-api at %s, conflict-service at %s, idle connections kept %d s",
                config.syncApiUrl(), config.conflictServiceUrl(), keepAliveSeconds);

        Handler<RoutingContext> proxy = rc -> {
            var upstream = RouteTable.route(rc.normalizedPath());
            if (upstream.isEmpty()) {
                rc.response().setStatusCode(404)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                        .end(Problems.json(404, "Not Found", "No service answers this path", rc.normalizedPath()));
                return;
            }
            proxies.get(upstream.get()).handle(rc.request());
        };
        for (String path : ROUTED_PATHS) {
            router.route(path).order(-10).handler(proxy);
        }
    }

    /** A proxy to one service: pooled connections, a new one for the retry. */
    private static HttpProxy proxyTo(String service, String baseUrl, HttpClient pooled, HttpClient fresh) {
        URI uri = URI.create(baseUrl);
        SocketAddress origin = SocketAddress.inetSocketAddress(uri.getPort(), uri.getHost());
        return HttpProxy.reverseProxy(pooled)
                .origin(context -> (UpstreamFailureInterceptor.isRetry(context) ? fresh : pooled)
                        .request(new RequestOptions().setServer(origin)))
                .addInterceptor(new UpstreamFailureInterceptor(service));
    }
}
