package com.nia.crmsync.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.sun.net.httpserver.HttpServer;

import com.nia.crmsync.model.json.Json;

/**
 * The webhook sync-api's alerts are sent to in the system stack: a small HTTP server on a random port that keeps
 * every notification (its JSON body and the secret header) in arrival order. One per test JVM, started with the
 * stack ({@link SystemStack}); tests read what arrived after a mark.
 */
final class AlertWebhookSink {

    /** The shared secret the stack's sync-api sends in {@link #SECRET_HEADER}. */
    static final String SECRET = "system-test-alert-secret";
    static final String SECRET_HEADER = "X-Alert-Secret";

    /** One notification as it arrived. */
    record Received(Map<String, Object> body, String secret) {

        String key() {
            return String.valueOf(body.get("alert_key"));
        }

        String status() {
            return String.valueOf(body.get("status"));
        }
    }

    private static AlertWebhookSink sink;

    private final HttpServer server;
    private final List<Received> received = new ArrayList<>();

    private AlertWebhookSink() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/alerts", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                Map<String, Object> body = Json.mapper().readValue(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        new TypeReference<Map<String, Object>>() {
                        });
                synchronized (received) {
                    received.add(new Received(body, exchange.getRequestHeaders().getFirst(SECRET_HEADER)));
                }
                exchange.sendResponseHeaders(204, -1);
            } catch (IOException | RuntimeException e) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    static synchronized AlertWebhookSink get() {
        if (sink == null) {
            sink = new AlertWebhookSink();
        }
        return sink;
    }

    /** The URL sync-api posts to. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
    }

    /** How many notifications arrived so far: a mark for {@link #since}. */
    int mark() {
        synchronized (received) {
            return received.size();
        }
    }

    /** The notifications of {@code key} that arrived after {@code mark}, in order. */
    List<Received> since(int mark, String key) {
        synchronized (received) {
            return received.subList(mark, received.size()).stream().filter(r -> key.equals(r.key())).toList();
        }
    }
}
