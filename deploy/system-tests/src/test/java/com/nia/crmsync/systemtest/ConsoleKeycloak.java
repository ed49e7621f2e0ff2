package com.nia.crmsync.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import com.nia.crmsync.infra.FreePorts;
import com.nia.crmsync.infra.KeycloakServer;
import com.nia.crmsync.infra.PostgresServer;
import com.nia.crmsync.infra.ServiceKind;

/**
 * The identity provider of the people who use the console in the system-test stack: Keycloak with
 * deploy/keycloak's realm {@code nia} (its demo users, the public client {@code nia-console}) on a
 * random port, the passwords generated for this run and kept in memory only. The services keep
 * trusting this JVM's {@code TestIssuer} as their default OIDC tenant (every other system test signs
 * its tokens there) and trust this Keycloak as a second tenant, {@code console}, chosen by the
 * token's issuer ({@code quarkus.oidc.resolve-tenants-with-issuer}); so a person signed in on
 * Keycloak's login page calls the same API, with the same role checks, as the other tests.
 */
final class ConsoleKeycloak {

    /** The services the console's browser calls (through the front router) with a person's token. */
    static final List<ServiceKind> CALLED_BY_THE_CONSOLE = List.of(ServiceKind.SYNC_API, ServiceKind.CONFLICT_SERVICE);

    private final Properties secrets = new Properties();
    private final KeycloakServer server;

    private ConsoleKeycloak(Path dir) {
        for (String role : KeycloakServer.DEMO_USERS.keySet()) {
            secrets.setProperty(KeycloakServer.passwordKey(role), PostgresServer.randomPassword());
        }
        for (String client : KeycloakServer.SERVICE_CLIENTS) {
            secrets.setProperty(KeycloakServer.secretKey(client), PostgresServer.randomPassword());
        }
        server = KeycloakServer.create(dir.resolve("data"), dir.resolve("logs"), FreePorts.next(), secrets);
    }

    /**
     * A Keycloak on a free port (not started yet: {@link #start()}), its files under {@code dir},
     * emptied first: the realm is imported only into a new database, and this run's passwords are new.
     */
    static ConsoleKeycloak create(Path dir) {
        try (Stream<Path> old = Files.exists(dir) ? Files.walk(dir) : Stream.empty()) {
            for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot empty " + dir, e);
        }
        return new ConsoleKeycloak(dir);
    }

    /** Starts Keycloak and waits until its realm answers. */
    void start(Duration timeout) {
        server.start();
        server.awaitReady(timeout);
    }

    void stop() {
        server.stop();
    }

    /** The realm's issuer URL: the {@code iss} of the tokens people get from the console's sign-in. */
    String issuer() {
        return server.issuer();
    }

    /** The environment that makes a service trust this Keycloak as its OIDC tenant {@code console}. */
    Map<String, String> tenantEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_OIDC_RESOLVE_TENANTS_WITH_ISSUER", "true");
        env.put("QUARKUS_OIDC_CONSOLE_AUTH_SERVER_URL", server.issuer());
        env.put("QUARKUS_OIDC_CONSOLE_APPLICATION_TYPE", "service");
        env.put("QUARKUS_OIDC_CONSOLE_ROLES_ROLE_CLAIM_PATH", "realm_access/roles");
        return env;
    }

    /** The demo user of a role ({@code viewer}, {@code operator}, {@code admin}). */
    String user(String role) {
        return KeycloakServer.DEMO_USERS.get(role);
    }

    /** The demo user's password of this run. */
    String password(String role) {
        return secrets.getProperty(KeycloakServer.passwordKey(role));
    }

    /** A Keycloak access token of the role's demo user, as a script would get one (password grant of {@code nia-cli}). */
    String token(String role) {
        return server.passwordToken(user(role), password(role));
    }
}
