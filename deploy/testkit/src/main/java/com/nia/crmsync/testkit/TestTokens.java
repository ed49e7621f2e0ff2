package com.nia.crmsync.testkit;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.smallrye.jwt.build.Jwt;

/**
 * Real RS256 access tokens for tests, signed by this JVM's {@link TestIssuer} and shaped like
 * Keycloak's (realm roles under {@code realm_access.roles}, {@code preferred_username},
 * {@code azp}), so the services' OIDC validation runs exactly as in production.
 * A token is a bearer credential: tests send it, never print it. Every token signed is kept in
 * {@link #issued()}, so a test can prove that none of them reached a log.
 */
public final class TestTokens {

    private static final Set<String> ISSUED = ConcurrentHashMap.newKeySet();

    private TestTokens() {
    }

    /** A person with the {@code viewer} role. */
    public static String viewer() {
        return person("vera.viewer", "viewer");
    }

    /** A person with the {@code operator} role. */
    public static String operator() {
        return person("otto.operator", "operator");
    }

    /** A person with the {@code admin} role. */
    public static String admin() {
        return person("ada.admin", "admin");
    }

    /** A service's client-credentials token (e.g. {@code sync-worker}) with the {@code sync-service} role. */
    public static String service(String clientId) {
        return token("service-account-" + clientId, clientId, List.of("sync-service"), Duration.ofMinutes(10));
    }

    /** A person with exactly these realm roles (none: authenticated, but allowed nothing). */
    public static String person(String username, String... roles) {
        return token(username, "nia-cli", Arrays.asList(roles), Duration.ofMinutes(10));
    }

    /** A token of the right issuer that expired a minute ago. */
    public static String expired(String... roles) {
        return token("late.user", "nia-cli", Arrays.asList(roles), Duration.ofMinutes(-1));
    }

    /** Every token this JVM signed so far (people's and services'). */
    public static Set<String> issued() {
        return Set.copyOf(ISSUED);
    }

    /** The {@code Authorization} header value for a token. */
    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String token(String username, String clientId, List<String> roles, Duration validFor) {
        TestIssuer issuer = TestIssuer.get();
        Instant now = Instant.now();
        String token = Jwt.issuer(issuer.issuer())
                .subject(UUID.nameUUIDFromBytes(username.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString())
                .claim("preferred_username", username)
                .claim("azp", clientId)
                .claim("typ", "Bearer")
                .claim("realm_access", Map.of("roles", roles))
                .issuedAt(now.minus(Duration.ofMinutes(2)))
                .expiresAt(now.plus(validFor))
                .jws().keyId(issuer.keyId())
                .sign(issuer.signingKey());
        ISSUED.add(token);
        return token;
    }
}
