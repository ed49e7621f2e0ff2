package com.nia.crmsync.worker.health;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The worker's two dependencies in one small HTTP server, each with a switch: the identity
 * provider's token endpoint (refuses the client with Keycloak's {@code unauthorized_client} while
 * {@link #REFUSE_CLIENT} is set) and the gateway (answers 401 to every call while
 * {@link #REFUSE_TOKEN} is set; otherwise its status answers 200 and every Creatio call
 * {@code CREATIO_UNAVAILABLE}, so a command that gets through is answered retryable).
 */
public class FakeDependencies implements QuarkusTestResourceLifecycleManager {

    /** The identity provider refuses the worker's client credentials; set when the application starts. */
    static final AtomicBoolean REFUSE_CLIENT = new AtomicBoolean(true);
    /** The gateway refuses the worker's token. */
    static final AtomicBoolean REFUSE_TOKEN = new AtomicBoolean(false);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", FakeDependencies::handle);
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("quarkus.oidc-client.auth-server-url", base + "/realms/nia",
                "quarkus.oidc-client.credentials.secret", "not-the-secret",
                "quarkus.rest-client.gateway.url", base);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        if (path.endsWith("/protocol/openid-connect/token")) {
            if (REFUSE_CLIENT.get()) {
                answer(exchange, 401, "application/json",
                        "{\"error\":\"unauthorized_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
            } else {
                answer(exchange, 200, "application/json", "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":300}");
            }
        } else if (REFUSE_TOKEN.get()) {
            answer(exchange, 401, "text/plain", "");
        } else if (path.equals("/internal/v1/status")) {
            answer(exchange, 200, "application/json", "{\"creatio\":{}}");
        } else {
            answer(exchange, 503, "application/problem+json",
                    "{\"status\":503,\"code\":\"CREATIO_UNAVAILABLE\",\"detail\":\"Creatio is unavailable\"}");
        }
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }
}
