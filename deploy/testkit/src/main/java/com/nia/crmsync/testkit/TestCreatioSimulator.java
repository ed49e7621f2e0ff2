package com.nia.crmsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A test's handle on the Creatio simulator (a separate process): its base URL, the OAuth client
 * the service under test uses, and plain HTTP access to the simulator's {@code /sim} control API
 * (reset, seed, faults, counters, request log, clock — see deploy/creatio-simulator/README.md).
 */
public final class TestCreatioSimulator {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;

    TestCreatioSimulator(String baseUrl, String clientId, String clientSecret) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String clientId() {
        return clientId;
    }

    /** The client secret: for configuring the service under test only, never for printing. */
    public String clientSecret() {
        return clientSecret;
    }

    /** {@code POST /sim/reset}: baseline data, no faults, zero counters. */
    public void reset() {
        send("POST", "/sim/reset", null);
    }

    /** A control-API call with an optional JSON body; returns the response body, fails on a status of 400 or more. */
    public String send(String method, String path, String jsonBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (jsonBody == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String get(String path) {
        return send("GET", path, null);
    }
}
