package com.nia.crmsync.simulator;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.jwt.build.Jwt;

/**
 * A stand-in for an identity service on another host: a tiny HTTP server publishing a JWKS, and
 * a way to mint tokens with its key. The simulator is configured to trust it as an external
 * issuer, which is how real deployments split the {@code -is} host from the app host.
 */
public class ExternalIssuerResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://external-is.example.test";

    private static KeyPair keys;
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
            RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keys.getPublic());
            jwk.setKeyId("external-key");
            jwk.setAlgorithm("RS256");
            byte[] jwks = new JsonWebKeySet(jwk).toJson().getBytes(StandardCharsets.UTF_8);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(jwks);
                }
            });
            server.start();
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return Map.of("simulator.auth.external-issuer", ISSUER,
                "simulator.auth.external-jwks-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A token of the external issuer for {@code clientId}, valid from {@code now} for {@code seconds}. */
    public static String token(String issuer, String clientId, Instant now, long seconds) {
        return Jwt.issuer(issuer)
                .claim("client_id", clientId)
                .issuedAt(now.getEpochSecond())
                .expiresAt(now.getEpochSecond() + seconds)
                .jws()
                .keyId("external-key")
                .sign(keys.getPrivate());
    }
}
