package com.nia.crmsync.router;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

/**
 * An upstream like Quarkus' HTTP server (a Vert.x HTTP/1.1 server with keep-alive) that closes idle
 * keep-alive connections, and widens the race that causes spurious 502s behind a pooling proxy: a
 * request that arrives on a connection idle for {@link #IDLE_DEADLINE_MS} or longer is not answered,
 * its connection is closed — as if the server's idle close had crossed the request on the wire.
 * Connections idle for {@link #IDLE_CLOSE_MS} are closed by the server's own idle timeout.
 *
 * <p>Every answer carries the status the request asked for ({@code ?status=}), an
 * {@value #MARKER} header echoing the request's {@value #REQUEST_ID} and a JSON body naming it, so a
 * client can tell an upstream answer from one the router made up. A request with
 * {@value #CLOSE_FIRST}{@code : true} has its connection closed, unanswered, the first time its id
 * is seen. The upstream counts the attempts per id.
 */
public class KeepAliveUpstream implements QuarkusTestResourceLifecycleManager {

    /** The request header naming a request; echoed in {@link #MARKER} and in the body. */
    public static final String REQUEST_ID = "X-Request-Id";
    /** The response header the upstream sets on every answer. */
    public static final String MARKER = "X-Upstream-Request-Id";
    /** The request header asking the upstream to close the connection on the id's first attempt. */
    public static final String CLOSE_FIRST = "X-Close-First";
    /** A request on a connection idle this long (ms) is dropped with its connection. */
    public static final long IDLE_DEADLINE_MS = 1_500;
    /** The server's own idle timeout (ms), closing connections nobody uses. */
    public static final long IDLE_CLOSE_MS = 5_000;

    private final Map<HttpConnection, Long> lastAnswered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final AtomicInteger staleDropped = new AtomicInteger();
    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0)
                        .setIdleTimeout((int) IDLE_CLOSE_MS).setIdleTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectionHandler(connection -> connection.closeHandler(v -> lastAnswered.remove(connection)))
                .requestHandler(this::answer);
        server.listen().toCompletionStage().toCompletableFuture().join();
        String url = "http://127.0.0.1:" + server.actualPort();
        return Map.of("router.sync-api-url", url, "router.conflict-service-url", url);
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.AnnotatedAndMatchesType(InjectUpstream.class, KeepAliveUpstream.class));
    }

    @Override
    public void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** How often a request with this id reached the upstream. */
    public int attempts(String requestId) {
        AtomicInteger n = attempts.get(requestId);
        return n == null ? 0 : n.get();
    }

    /** How many requests arrived on a connection past its idle deadline and were dropped. */
    public int staleDropped() {
        return staleDropped.get();
    }

    private void answer(HttpServerRequest request) {
        HttpConnection connection = request.connection();
        String id = request.getHeader(REQUEST_ID);
        int attempt = id == null ? 1 : attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
        Long last = lastAnswered.get(connection);
        if (last != null && System.nanoTime() - last >= TimeUnit.MILLISECONDS.toNanos(IDLE_DEADLINE_MS)) {
            staleDropped.incrementAndGet();
            connection.close();
            return;
        }
        if (attempt == 1 && "true".equals(request.getHeader(CLOSE_FIRST))) {
            connection.close();
            return;
        }
        request.body().onSuccess(body -> {
            int status = Integer.parseInt(request.getParam("status", "200"));
            var response = request.response().setStatusCode(status).putHeader(MARKER, String.valueOf(id));
            var sent = status == 204 || request.method() == HttpMethod.HEAD
                    ? response.end()
                    : response.putHeader("Content-Type", "application/json")
                            .end("{\"request_id\":\"" + id + "\",\"method\":\"" + request.method() + "\",\"body_length\":" + body.length() + "}");
            sent.onSuccess(v -> lastAnswered.put(connection, System.nanoTime()));
        });
    }
}
