package com.nia.crmsync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
 * service clients carrying {@code sync-service}, and no token for a wrong secret.
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

    private static String claimsOf(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
