package com.nia.crmsync.gateway.client;

import java.time.Duration;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import com.nia.crmsync.gateway.auth.CreatioTokens;
import com.nia.crmsync.gateway.budget.BudgetExhaustedException;
import com.nia.crmsync.gateway.budget.CallBudget;
import com.nia.crmsync.gateway.config.GatewayConfig;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.CreatioTransientException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.failure.RequestFailures;
import com.nia.crmsync.gateway.failure.Sanitizer;
import com.nia.crmsync.gateway.metrics.GatewayMetrics;
import com.nia.crmsync.model.command.Lane;

/**
 * One OData exchange with Creatio, undecorated (only {@link CreatioClient} uses it, so no caller
 * can bypass retries and breakers): waits for the call budget, sends the cached bearer token,
 * and on a 401 renews the token once and replays once — a second 401 is an error (Creatio's answer
 * for an unknown entity set), never a loop. 429/503/timeouts pause the whole budget. Every
 * exchange is measured by operation and status.
 */
@ApplicationScoped
class ODataTransport {

    private final WebClient http;
    private final CreatioTokens tokens;
    private final CallBudget budget;
    private final GatewayMetrics metrics;
    private final String root;
    private final Duration requestTimeout;
    private final CreatioReachability reachability;

    ODataTransport(WebClient http, CreatioTokens tokens, CallBudget budget, GatewayMetrics metrics, GatewayConfig config,
            CreatioReachability reachability) {
        this.http = http;
        this.reachability = reachability;
        this.tokens = tokens;
        this.budget = budget;
        this.metrics = metrics;
        this.root = trimSlash(config.apiUrl()) + "/" + trimSlash(config.odataRoot()).replaceFirst("^/+", "");
        this.requestTimeout = config.http().requestTimeout();
    }

    /** The OData root, e.g. {@code https://acme.creatio.com/0/odata}. */
    String root() {
        return root;
    }

    /**
     * Sends {@code method relativeUrl} (already encoded, relative to the OData root) within the
     * budget of {@code lane}, taking {@code quotaCalls} calls from the daily quota. Returns any
     * 2xx or 404 answer; throws {@link CreatioException} for the rest.
     */
    ODataResponse exchange(String operation, Lane lane, HttpMethod method, String relativeUrl, String jsonBody, Map<String, String> headers,
            int quotaCalls) {
        try (CallBudget.Permit permit = budget.acquire(lane, quotaCalls)) {
            ODataResponse answer = exchangeWithin(operation, method, relativeUrl, jsonBody, headers);
            reachability.answered();
            return answer;
        } catch (BudgetExhaustedException refused) {
            // no call was made: says nothing about Creatio
            throw refused;
        } catch (CreatioException failure) {
            reachability.failed(failure.code());
            RequestFailures.remember(failure);
            throw failure;
        }
    }

    private ODataResponse exchangeWithin(String operation, HttpMethod method, String relativeUrl, String jsonBody,
            Map<String, String> headers) {
        String token = tokens.current();
        HttpResponse<Buffer> response = send(operation, method, relativeUrl, jsonBody, headers, token);
        if (response.statusCode() == 401) {
            String fresh = tokens.renewAfterRejection(token);
            Log.debugf("Creatio refused the token on %s %s; replaying once with a renewed one", method, operation);
            response = send(operation, method, relativeUrl, jsonBody, headers, fresh);
        }
        int status = response.statusCode();
        String contentType = response.getHeader("Content-Type");
        if ((status >= 200 && status < 300) || status == 404 && !isHtml(contentType)) {
            return new ODataResponse(status, contentType, response.bodyAsString());
        }
        CreatioException failure = ODataErrors.of(status, contentType, response.bodyAsString(), response.getHeader("Retry-After"));
        if (status == 429 || status == 503) {
            budget.pause(failure.retryAfter().orElse(budget.defaultPause()));
        }
        throw failure;
    }

    private HttpResponse<Buffer> send(String operation, HttpMethod method, String relativeUrl, String jsonBody, Map<String, String> headers,
            String token) {
        HttpRequest<Buffer> request = http.requestAbs(method, root + "/" + relativeUrl)
                .timeout(requestTimeout.toMillis())
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "application/json");
        headers.forEach(request::putHeader);
        long start = System.nanoTime();
        try {
            HttpResponse<Buffer> response = jsonBody == null
                    ? request.send().await().atMost(requestTimeout.plusSeconds(2))
                    : request.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(jsonBody)).await()
                            .atMost(requestTimeout.plusSeconds(2));
            metrics.call(operation, Integer.toString(response.statusCode()), Duration.ofNanos(System.nanoTime() - start));
            return response;
        } catch (RuntimeException e) {
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            if (isTimeout(e)) {
                metrics.call(operation, "timeout", latency);
                budget.pause(budget.defaultPause());
                throw new CreatioTransientException(ErrorCode.CREATIO_TIMEOUT, 0,
                        "Creatio did not answer within " + requestTimeout.toMillis() + " ms", null);
            }
            metrics.call(operation, "io-error", latency);
            throw new CreatioTransientException(ErrorCode.CREATIO_UNAVAILABLE, 0,
                    "Creatio unreachable: " + Sanitizer.clean(e.getClass().getSimpleName() + " " + e.getMessage()), null);
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHtml(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).contains("html");
    }

    private static String trimSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
