package com.nia.crmsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.concurrent.Executors;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.JsonWebKey;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OpenID provider for tests: an RSA key pair made for this JVM (never stored) and a
 * tiny HTTP server that publishes the provider metadata and the public key (JWKS) the way
 * Keycloak does. Services under test point {@code quarkus.oidc.auth-server-url} at
 * {@link #issuer()} and validate the tokens {@link TestTokens} signs exactly as they validate
 * Keycloak's in production: by discovery, JWKS and RS256 signature.
 */
public final class TestIssuer {

    private static final String KEY_ID = "nia-test-key";
    /** The secret every service client presents at this issuer's token endpoint (tests only). */
    public static final String CLIENT_SECRET = "test-client-secret";
    private static TestIssuer shared;

    private final KeyPair keys;
    private final HttpServer server;
    private final String issuer;

    private TestIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/nia-test";
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "test-issuer");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** The issuer of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized TestIssuer get() {
        if (shared == null) {
            shared = new TestIssuer();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(0), "test-issuer-stop"));
        }
        return shared;
    }

    /** Settings that make a service's {@code quarkus-oidc-client} fetch client-credentials tokens here. */
    public java.util.Map<String, String> clientSettings(String clientId) {
        return java.util.Map.of("quarkus.oidc-client.auth-server-url", issuer,
                "quarkus.oidc-client.client-id", clientId,
                "quarkus.oidc-client.credentials.secret", CLIENT_SECRET);
    }

    /** The issuer URL: the value of the tokens' {@code iss} claim and of {@code quarkus.oidc.auth-server-url}. */
    public String issuer() {
        return issuer;
    }

    String keyId() {
        return KEY_ID;
    }

    PrivateKey signingKey() {
        return keys.getPrivate();
    }

    /**
     * RFC 6749 §4.4 for tests: a client that presents {@link #CLIENT_SECRET} (form or basic) gets a
     * service token with the {@code sync-service} role, as Keycloak's service-account clients do.
     */
    private void clientCredentials(HttpExchange exchange) throws IOException {
        java.util.Map<String, String> form = new java.util.HashMap<>();
        String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                form.put(java.net.URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.startsWith("Basic ")) {
            String decoded = new String(java.util.Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            form.put("client_id", java.net.URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8));
            form.put("client_secret", java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8));
        }
        String body;
        int status;
        if (!"client_credentials".equals(form.get("grant_type"))) {
            status = 400;
            body = "{\"error\":\"unsupported_grant_type\"}";
        } else if (form.get("client_id") == null || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            status = 401;
            body = "{\"error\":\"invalid_client\"}";
        } else {
            status = 200;
            body = "{\"access_token\":\"" + TestTokens.service(form.get("client_id"))
                    + "\",\"token_type\":\"Bearer\",\"expires_in\":300}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        if (path.endsWith("/.well-known/openid-configuration")) {
            body = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/protocol/openid-connect/certs\","
                    + "\"token_endpoint\":\"" + issuer + "/protocol/openid-connect/token\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
        } else if (path.endsWith("/protocol/openid-connect/certs")) {
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
            jwk.setKeyId(KEY_ID);
            jwk.setAlgorithm("RS256");
            jwk.setUse("sig");
            body = "{\"keys\":[" + jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
        } else if (path.endsWith("/protocol/openid-connect/token") && "POST".equals(exchange.getRequestMethod())) {
            clientCredentials(exchange);
            return;
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
