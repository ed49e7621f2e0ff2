package com.nia.crmsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local stack's OpenID provider, really started: the realm {@code nia} imported with generated
 * secrets, a token per demo role carrying that realm role, client-credentials tokens of the
 * service clients carrying {@code sync-service}, no token for a wrong secret, and the device sign-in
 * of the public client {@code nia-cli} ({@code crm-sync login}), and the admin console's public
 * client {@code nia-console} (code with PKCE, loopback redirects of any port).
 */
class KeycloakServerTests {

    private static final Properties SECRETS = new Properties();
    private static KeycloakServer keycloak;

    @BeforeAll
    static void start() throws Exception {
        for (String role : KeycloakServer.DEMO_USERS.keySet()) {
            SECRETS.setProperty(KeycloakServer.passwordKey(role), PostgresServer.randomPassword());
        }
        for (String client : KeycloakServer.SERVICE_CLIENTS) {
            SECRETS.setProperty(KeycloakServer.secretKey(client), PostgresServer.randomPassword());
        }
        Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")).toAbsolutePath(), "keycloak-");
        keycloak = KeycloakServer.create(dir.resolve("data"), dir.resolve("logs"), FreePorts.next(), SECRETS).start();
        keycloak.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stop() {
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    @Test
    void issuesEachDemoUserATokenWithItsRealmRole() {
        for (var user : KeycloakServer.DEMO_USERS.entrySet()) {
            String claims = claimsOf(keycloak.passwordToken(user.getValue(), SECRETS.getProperty(KeycloakServer.passwordKey(user.getKey()))));
            assertThat(claims).as(user.getKey())
                    .contains("\"iss\":\"" + keycloak.issuer() + "\"")
                    .contains("\"preferred_username\":\"" + user.getValue() + "\"")
                    .contains("\"" + user.getKey() + "\"")
                    .doesNotContain("sync-service");
        }
    }

    @Test
    void issuesEachServiceClientATokenWithTheServiceRole() {
        for (String client : KeycloakServer.SERVICE_CLIENTS) {
            String claims = claimsOf(keycloak.clientToken(client, SECRETS.getProperty(KeycloakServer.secretKey(client))));
            assertThat(claims).as(client).contains("\"azp\":\"" + client + "\"").contains("\"sync-service\"");
        }
    }

    @Test
    void refusesAServiceClientWithAWrongSecret() {
        assertThatThrownBy(() -> keycloak.clientToken("sync-worker", "not-the-secret"))
                .hasMessageContaining("HTTP 401")
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void letsThePublicCliClientStartADeviceSignIn() throws Exception {
        // crm-sync login: RFC 8628's device-authorization grant on the realm's public client
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(keycloak.issuer() + "/protocol/openid-connect/auth/device"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + KeycloakServer.CLI_CLIENT + "&scope=openid")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("\"device_code\"", "\"user_code\"", "\"verification_uri\"");
    }

    @Test
    void letsTheConsoleSignInWithPkceOnLoopbackRedirectsOfAnyPortOnly() throws Exception {
        // the admin console: authorization code with PKCE S256; the router's port differs per stack
        String challenge = "&response_type=code&scope=openid&code_challenge_method=S256&code_challenge="
                + "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGvSn4tgf4";
        HttpResponse<String> login = consoleAuth("http://127.0.0.1:45678/console/", challenge);
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        assertThat(login.body()).contains("id=\"kc-form-login\"");

        HttpResponse<String> foreign = consoleAuth("http://evil.example/console/", challenge);
        assertThat(foreign.statusCode()).isEqualTo(400);

        HttpResponse<String> withoutPkce = consoleAuth("http://127.0.0.1:45678/console/", "&response_type=code&scope=openid");
        assertThat(withoutPkce.statusCode()).isEqualTo(302);
        assertThat(withoutPkce.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("error=invalid_request"));
    }

    private static HttpResponse<String> consoleAuth(String redirectUri, String parameters) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(keycloak.issuer() + "/protocol/openid-connect/auth"
                + "?client_id=nia-console&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8) + parameters))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String claimsOf(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
