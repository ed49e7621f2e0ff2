package com.nia.crmsync.cli.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The token cache (mode 600 in a directory of mode 700) and its renewal: a fresh token is used as
 * it is, an expired one is renewed with its refresh token (or the client's secret) and cached
 * again, and {@code --token} wins over the cache.
 */
class TokenCacheTests {

    private static final Instant NOW = Instant.parse("2026-12-07T03:00:00Z");

    @TempDir
    Path home;

    private HttpServer provider;
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startProvider() throws IOException {
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/realms/nia/.well-known/openid-configuration", e -> answer(e, "{\"issuer\":\"" + issuer()
                + "\",\"token_endpoint\":\"" + issuer() + "/protocol/openid-connect/token\"}"));
        provider.createContext("/realms/nia/protocol/openid-connect/token", e -> {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(e.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            tokenRequests.add(form);
            answer(e, "{\"access_token\":\"renewed-" + form.get("grant_type") + "\",\"expires_in\":300,\"refresh_token\":\"r2\","
                    + "\"refresh_expires_in\":1800}");
        });
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    @Test
    void theCacheIsReadableByItsUserOnly() throws IOException {
        TokenCache cache = new TokenCache(home.resolve("crm-sync"));
        cache.write(token(NOW.plusSeconds(300), "r1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file().getParent()))).isEqualTo("rwx------");
        cache.write(token(NOW.plusSeconds(600), "r1"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file()))).isEqualTo("rw-------");
        assertThat(cache.read()).hasValueSatisfying(t -> assertThat(t.expiresAt()).isEqualTo(NOW.plusSeconds(600)));
    }

    @Test
    void aFreshTokenIsUsedWithoutAskingTheProvider() {
        TokenCache cache = new TokenCache(home);
        cache.write(token(NOW.plusSeconds(300), "r1"));
        assertThat(new TokenSource(null, cache, null, clock()).get()).isEqualTo("a1");
        assertThat(tokenRequests).isEmpty();
    }

    @Test
    void anExpiredTokenIsRenewedWithItsRefreshTokenAndCachedAgain() throws IOException {
        TokenCache cache = new TokenCache(home);
        cache.write(token(NOW.plusSeconds(10), "r1"));
        assertThat(new TokenSource(null, cache, null, clock()).get()).isEqualTo("renewed-refresh_token");
        assertThat(tokenRequests).singleElement().satisfies(form -> assertThat(form)
                .containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "r1").containsEntry("client_id", "nia-cli"));
        CachedToken cached = cache.read().orElseThrow();
        assertThat(cached.accessToken()).isEqualTo("renewed-refresh_token");
        assertThat(cached.refreshToken()).isEqualTo("r2");
        assertThat(cached.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.file()))).isEqualTo("rw-------");
    }

    @Test
    void anExpiredClientCredentialsTokenIsRenewedWithTheClientsSecret() {
        TokenCache cache = new TokenCache(home);
        cache.write(new CachedToken(issuer(), "ops-bot", OidcProvider.CLIENT_CREDENTIALS, "a1", NOW.minusSeconds(1), null, null));
        assertThat(new TokenSource(null, cache, "s3cret", clock()).get()).isEqualTo("renewed-client_credentials");
        assertThat(tokenRequests).singleElement().satisfies(form -> assertThat(form).containsEntry("client_secret", "s3cret"));
    }

    @Test
    void aTokenThatCannotBeRenewedMeansSigningInAgain() {
        TokenCache cache = new TokenCache(home);
        cache.write(new CachedToken(issuer(), "nia-cli", OidcProvider.DEVICE_GRANT, "a1", NOW.minusSeconds(1), "r1", NOW.minusSeconds(1)));
        assertThatThrownBy(() -> new TokenSource(null, cache, null, clock()).get()).isInstanceOf(NotAuthenticatedException.class)
                .hasMessageContaining("crm-sync login");
    }

    @Test
    void anExplicitTokenWinsOverTheCache() {
        TokenCache cache = new TokenCache(home);
        cache.write(token(NOW.plusSeconds(300), "r1"));
        assertThat(new TokenSource("from-flag", cache, null, clock()).get()).isEqualTo("from-flag");
        assertThat(new TokenSource(null, new TokenCache(home.resolve("empty")), null, clock()).get()).isNull();
    }

    @Test
    void clientCredentialsLoginCachesTheToken() {
        CachedToken token = new OidcProvider(issuer(), clock()).clientCredentials("ops-bot", "s3cret");
        assertThat(token.grant()).isEqualTo(OidcProvider.CLIENT_CREDENTIALS);
        assertThat(token.accessToken()).isEqualTo("renewed-client_credentials");
        assertThat(token.expiresAt()).isEqualTo(NOW.plusSeconds(300));
        assertThat(tokenRequests).singleElement().satisfies(form -> assertThat(form).containsEntry("client_id", "ops-bot"));
    }

    private CachedToken token(Instant expiresAt, String refresh) {
        return new CachedToken(issuer(), "nia-cli", OidcProvider.DEVICE_GRANT, "a1", expiresAt, refresh, NOW.plusSeconds(1800));
    }

    private String issuer() {
        return "http://127.0.0.1:" + provider.getAddress().getPort() + "/realms/nia";
    }

    private static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    private static void answer(HttpExchange e, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        e.getResponseHeaders().add("Content-Type", "application/json");
        e.sendResponseHeaders(200, bytes.length);
        e.getResponseBody().write(bytes);
        e.close();
    }
}
