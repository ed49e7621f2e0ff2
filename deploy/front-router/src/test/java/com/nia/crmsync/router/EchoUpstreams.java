package com.nia.crmsync.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Two tiny upstreams that answer with their own name and what they received. */
public class EchoUpstreams implements QuarkusTestResourceLifecycleManager {

    private HttpServer syncApi;
    private HttpServer conflictService;

    @Override
    public Map<String, String> start() {
        syncApi = echo("sync-api");
        conflictService = echo("conflict-service");
        return Map.of(
                "router.sync-api-url", "http://127.0.0.1:" + syncApi.getAddress().getPort(),
                "router.conflict-service-url", "http://127.0.0.1:" + conflictService.getAddress().getPort());
    }

    @Override
    public void stop() {
        syncApi.stop(0);
        conflictService.stop(0);
    }

    private static HttpServer echo(String name) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String answer = "{\"service\":\"" + name + "\",\"method\":\"" + exchange.getRequestMethod()
                        + "\",\"uri\":\"" + exchange.getRequestURI() + "\",\"authorization\":\"" + auth
                        + "\",\"body\":\"" + body.replace("\"", "'") + "\"}";
                byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(201, bytes.length);
                exchange.getResponseBody().write(bytes);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
