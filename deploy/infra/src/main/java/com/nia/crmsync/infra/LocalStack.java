package com.nia.crmsync.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command local stack ({@code deploy/local/run}): Kafka, PostgreSQL, Keycloak and every
 * service on their documented ports, data kept in a git-ignored folder so a restart keeps it.
 * When all is up it prints a ready bearer token per role and a curl line that uses one. Runs in the
 * foreground; Ctrl-C or SIGTERM ({@code deploy/local/run stop}) stops every child process.
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args.length > 0 ? args[0] : ".data/local").toAbsolutePath();
        Files.createDirectories(dataDir);
        Path pidFile = dataDir.resolve("stack.pid");
        Path readyFile = dataDir.resolve("ready");
        Files.deleteIfExists(readyFile);
        Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));

        Instant started = Instant.now();
        // NIA's demo data beside the simulator's (idempotent: loaded at every start, never overwriting); not in the system tests' stack
        Path fixtures = RepoLayout.root().resolve("deploy/local/fixtures/crm_sync_fixtures.json");
        Stack stack = Stack.builder(dataDir).persistent(true).fixedPorts(true).seedDemoData(true).keycloak(true)
                .env(ServiceKind.SYNC_API, "SYNC_API_FIXTURES_LOAD", fixtures.toString()).build();
        ObservabilityTools observability = new ObservabilityTools();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack ...");
            try {
                observability.stop();
                stack.close();
                Files.deleteIfExists(readyFile);
                Files.deleteIfExists(pidFile);
            } catch (IOException | RuntimeException e) {
                System.err.println("While stopping: " + e);
            }
            stopped.countDown();
            System.out.println("Stopped.");
        }, "local-stack-shutdown"));

        System.out.println("Starting Keycloak, Kafka and PostgreSQL (data in " + dataDir + ") ...");
        stack.startInfrastructure();
        System.out.println("Starting the services ...");
        stack.startServices(Duration.ofMinutes(3));
        stack.awaitIdentityProvider(Duration.ofMinutes(4));
        // Prometheus and Grafana, where installed (deploy/observability)
        List<String> tools = observability.startIfPresent(dataDir);

        StringBuilder out = new StringBuilder();
        out.append("\nNIA Creatio Sync is up in ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s\n\n");
        out.append(String.format("  %-20s %s%n", "public API", stack.service(ServiceKind.FRONT_ROUTER).baseUrl() + "/api/v1/"));
        for (QuarkusService s : stack.instances().values()) {
            out.append(String.format("  %-20s %s   (log: %s)%n", s.name(), s.baseUrl(), s.logFile()));
        }
        out.append(String.format("  %-20s %s   (log: %s)%n", "kafka", stack.kafka().bootstrapServers(), stack.kafka().logFile()));
        out.append(String.format("  %-20s %s%n", "postgresql", stack.postgres().jdbcUrl()));
        out.append(String.format("  %-20s %s   (log: %s)%n", "keycloak", stack.keycloak().issuer(), stack.keycloak().logFile()));
        tools.forEach(line -> out.append(line).append('\n'));
        out.append("\nStop with Ctrl-C or deploy/local/run stop.\n");
        // the ready file holds no token: tokens are printed to the terminal only, and expire after an hour
        Files.writeString(readyFile, out.toString());
        out.append(tokens(stack, dataDir));
        System.out.println(out);
        stopped.await();
    }

    /** A fresh token per demo role (valid one hour) and a curl line, for trying the API by hand. */
    private static String tokens(Stack stack, Path dataDir) {
        KeycloakServer keycloak = stack.keycloak();
        StringBuilder out = new StringBuilder("\nBearer tokens of the demo users (realm nia, valid 1 h; local stack only):\n");
        for (var user : KeycloakServer.DEMO_USERS.entrySet()) {
            String token = keycloak.passwordToken(user.getValue(), stack.secret(KeycloakServer.passwordKey(user.getKey())));
            out.append(String.format("%n  %s (%s):%n  export NIA_%s_TOKEN=%s%n", user.getKey(), user.getValue(),
                    user.getKey().toUpperCase(java.util.Locale.ROOT), token));
        }
        String api = stack.service(ServiceKind.FRONT_ROUTER).baseUrl();
        out.append("\nTry it (anonymous gets 401, a viewer 403, an operator 202):\n");
        out.append("  curl -i -X POST " + api + "/api/v1/crm/sync/pipeline-check -H 'Content-Type: application/json' \\\n"
                + "       -H \"Authorization: Bearer $NIA_OPERATOR_TOKEN\" -d '{\"count\":3}'\n");
        out.append("A new token later: deploy/local/run token operator   (passwords: " + dataDir.resolve("secrets.properties") + ")\n");
        return out.toString();
    }
}
