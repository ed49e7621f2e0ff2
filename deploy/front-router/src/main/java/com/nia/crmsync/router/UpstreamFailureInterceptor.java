package com.nia.crmsync.router;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;

import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * What the router does when a service gives no answer at all (an answer of any status passes
 * through untouched). A safe request without a body (GET, HEAD, OPTIONS) whose connection was
 * closed or reset before any response arrived is sent once more, over a new connection
 * ({@link #isRetry}); anything else — a PUT, POST or DELETE, which the service may already have
 * applied, a second failure, a refused connection — is answered with a problem+json 502 that says
 * whether the request was replayed. Each failure is logged with its exception class and message
 * (the method and path, never headers or query).
 *
 * <p>It must be the proxy's last interceptor: the retry sends the request again through
 * {@link ProxyContext#sendRequest()}, which then goes straight to the origin.
 */
final class UpstreamFailureInterceptor implements ProxyInterceptor {

    private static final String RETRY = "nia.router.retry";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final String service;

    UpstreamFailureInterceptor(String service) {
        this.service = service;
    }

    /** Whether this exchange is the retry, which must not reuse a pooled connection. */
    static boolean isRetry(ProxyContext context) {
        return Boolean.TRUE.equals(context.get(RETRY, Boolean.class));
    }

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
        return context.sendRequest().recover(failure -> {
            HttpServerRequest request = context.request().proxiedRequest();
            if (!connectionLost(failure) || !replayable(request)) {
                return badGateway(context, failure, false);
            }
            Log.debugf("%s %s: %s closed the connection before answering (%s: %s); sending it once more on a new connection",
                    request.method(), request.path(), service, failure.getClass().getName(), failure.getMessage());
            context.set(RETRY, Boolean.TRUE);
            context.request().setBody(null);
            return context.sendRequest().recover(again -> badGateway(context, again, true));
        });
    }

    /** A safe method and no body to stream again. */
    private static boolean replayable(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return SAFE.contains(request.method())
                && !request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                && (length == null || "0".equals(length.trim()));
    }

    /** An open connection that the service closed or reset (not a refused connection or a timeout). */
    private static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpClosedException || t instanceof ClosedChannelException
                    || (t instanceof IOException && !(t instanceof ConnectException))) {
                return true;
            }
        }
        return false;
    }

    private Future<ProxyResponse> badGateway(ProxyContext context, Throwable failure, boolean retried) {
        HttpServerRequest request = context.request().proxiedRequest();
        Log.warnf("%s %s: no answer from %s (%s: %s)%s; answering 502", request.method(), request.path(), service,
                failure.getClass().getName(), failure.getMessage(), retried ? " after one retry" : "");
        String detail = retried
                ? service + " did not answer, also not when the request was sent a second time"
                : service + " did not answer" + (SAFE.contains(request.method()) ? ""
                        : "; the " + request.method() + " was not replayed, as " + service
                                + " may have applied it: check the resource before sending it again");
        Buffer problem = Buffer.buffer(Problems.json(502, "Bad Gateway", detail, request.path()));
        return Future.succeededFuture(context.request().release().response()
                .setStatusCode(502)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problems.MEDIA_TYPE)
                .setBody(Body.body(problem)));
    }
}
