package com.nia.crmsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
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
 * of the public client {@code nia-cli} ({@code crm-sync login}).
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

    private static String claimsOf(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
