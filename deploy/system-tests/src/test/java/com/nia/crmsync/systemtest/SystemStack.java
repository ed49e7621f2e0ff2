package com.nia.crmsync.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Optional;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.testkit.TestIssuer;

/**
 * The one stack a system-test run shares: Kafka, PostgreSQL and every packaged service as child
 * processes on random ports, booted on first use and stopped (gracefully, so coverage agents dump)
 * when the JVM exits. Tests isolate themselves by unique keys; only tests that kill or restart a
 * process do so, and they leave it running again. The services trust this JVM's {@link TestIssuer}
 * (discovery + JWKS, like Keycloak) instead of a Keycloak of their own: the same validation path,
 * without a minute of Keycloak start in every CI run; {@code KeycloakServerTests} in
 * {@code deploy/infra} proves the provider itself. Only the console's people sign in on a real
 * Keycloak ({@link ConsoleKeycloak}, a second tenant of the services that the browser calls), where
 * the browser tests run. The services export their traces to this JVM's {@link OtlpReceiver}.
 */
public final class SystemStack {

    private static Stack stack;
    private static ConsoleKeycloak consoleKeycloak;

    private SystemStack() {
    }

    public static synchronized Stack get() {
        if (stack == null) {
            Instant started = Instant.now();
            Path dir = Path.of(System.getProperty("nia.system.dir", "target/system-stack"));
            Stack.Builder builder = Stack.builder(dir)
                    .persistent(false)
                    .oidcIssuer(TestIssuer.get().issuer())
                    .fixedPorts(false)
                    // C1 only: these JVMs live for minutes, a quicker start matters more than peak speed
                    .jvmOption("-XX:TieredStopAtLevel=1")
                    // commits far apart, so a killed worker certainly dies with processed but uncommitted commands
                    .env(com.nia.crmsync.infra.ServiceKind.SYNC_WORKER, "WORKER_COMMIT_INTERVAL_MS", "60000");
            // the budget is proven in creatio-gateway's own tests; here it must not slow the sync's tests down
            builder.env(ServiceKind.CREATIO_GATEWAY, "CREATIO_BUDGET_RATE_PER_SECOND", "500")
                    .env(ServiceKind.CREATIO_GATEWAY, "CREATIO_BUDGET_BURST", "500")
                    .env(ServiceKind.CREATIO_GATEWAY, "CREATIO_BUDGET_DAILY_QUOTA", "10000000")
                    // a Creatio pause of 10 s is longer than a bulk call may wait: the budget-hold test needs no long wait
                    .env(ServiceKind.CREATIO_GATEWAY, "CREATIO_BUDGET_BULK_MAX_WAIT", "5s")
                    .env(ServiceKind.SYNC_WORKER, "WORKER_BUDGET_PAUSE", "PT3S")
                    .env(ServiceKind.SYNC_API, "SYNC_API_SYNC_BUDGET_PAUSE", "2s");
            // retries due within a second or two, so the failure paths finish inside a test
            builder.env(ServiceKind.SYNC_API, "SYNC_API_SYNC_RETRY_BASE", "200ms")
                    .env(ServiceKind.SYNC_API, "SYNC_API_SYNC_RETRY_CAP", "1s")
                    .env(ServiceKind.SYNC_API, "SYNC_API_SYNC_SCHEDULER_EVERY", "1s");
            // no scheduled incremental pull: it would add commands (and Creatio calls) to every other system test's
            // counts; PullSystemTests start cycles themselves (POST /api/v1/crm/sync/pull/, from a chosen `since`)
            builder.env(ServiceKind.SYNC_API, "SYNC_API_PULL_EVERY", "off");
            // no scheduled id reconciliation either (it lists every seeded record); DeletionSystemTests start cycles
            builder.env(ServiceKind.SYNC_API, "SYNC_API_RECONCILE_EVERY", "off");
            // a planning batch of 500 records is one transaction: on a loaded CI machine (load average 35 seen) it can
            // outlive the default 60 s, and the reaper's rollback fails the whole run (ScaleOutKillSystemTests' 5,000 leads)
            // (and the housekeeping that marks a planning run without a heartbeat failed waits longer than that)
            builder.env(ServiceKind.SYNC_API, "QUARKUS_TRANSACTION_MANAGER_DEFAULT_TRANSACTION_TIMEOUT", "5m")
                    .env(ServiceKind.SYNC_API, "SYNC_API_RUNS_STALE_AFTER", "6m");
            // sync-api's own alerts: evaluated every 2 s, Creatio unreachable after 1 s without an answer, posted to the sink
            builder.env(ServiceKind.SYNC_API, "SYNC_API_ALERTS_EVERY", "2s")
                    .env(ServiceKind.SYNC_API, "SYNC_API_ALERTS_UNREACHABLE_AFTER", "1s")
                    .env(ServiceKind.SYNC_API, "SYNC_API_ALERTS_PROBE_EVERY", "2s")
                    .env(ServiceKind.SYNC_API, "SYNC_API_ALERTS_WEBHOOK_URL", AlertWebhookSink.get().url())
                    .env(ServiceKind.SYNC_API, "SYNC_API_ALERTS_WEBHOOK_SECRET", AlertWebhookSink.SECRET)
                    .env(ServiceKind.SYNC_API, "SYNC_API_ALERTS_WEBHOOK_SLACK", "true")
                    .env(ServiceKind.SYNC_API, "SYNC_API_ALERTS_WEBHOOK_BACKOFF", "200ms");
            // the services' own clients fetch client-credentials tokens from the same test issuer
            for (ServiceKind kind : List.of(ServiceKind.SYNC_API, ServiceKind.SYNC_WORKER, ServiceKind.CONFLICT_SERVICE)) {
                builder.env(kind, "NIA_OIDC_TOKEN_ISSUER", TestIssuer.get().issuer())
                        .env(kind, "NIA_OIDC_CLIENT_ID", kind.id())
                        .env(kind, "NIA_OIDC_CLIENT_SECRET", TestIssuer.CLIENT_SECRET);
            }
            // every service exports every trace to this JVM's OTLP receiver (TracingSystemTests), within a second
            for (ServiceKind kind : List.of(ServiceKind.SYNC_API, ServiceKind.SYNC_WORKER, ServiceKind.CONFLICT_SERVICE,
                    ServiceKind.CREATIO_GATEWAY)) {
                builder.env(kind, "OTEL_EXPORTER_OTLP_ENDPOINT", OtlpReceiver.get().endpoint())
                        .env(kind, "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                        .env(kind, "OTEL_TRACES_SAMPLER_ARG", "1")
                        .env(kind, "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s");
            }
            // one package at DEBUG through an environment variable, as docs/observability.md tells (TracingSystemTests)
            builder.env(ServiceKind.SYNC_API, "QUARKUS_LOG_CATEGORY__COM_NIA_CRMSYNC_SYNCAPI_MEETING__LEVEL", "DEBUG");
            // the console's people sign in on a real Keycloak, the services trusting it as a second OIDC tenant; only
            // where the browser tests run (ConsoleBrowserSystemTests), and ready before any service validates a token
            ConsoleKeycloak keycloak = ConsoleBrowser.missing().isEmpty() || ConsoleBrowser.required()
                    ? ConsoleKeycloak.create(dir.resolveSibling("console-keycloak")) : null;
            if (keycloak != null) {
                for (ServiceKind kind : ConsoleKeycloak.CALLED_BY_THE_CONSOLE) {
                    keycloak.tenantEnvironment().forEach((key, value) -> builder.env(kind, key, value));
                }
                // the console sends its people to this Keycloak (the services' default tenant stays the test issuer)
                builder.env(ServiceKind.SYNC_API, "SYNC_API_CONSOLE_ISSUER", keycloak.issuer());
            }
            stack = builder.build();
            Stack booted = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                booted.close();
                if (keycloak != null) {
                    keycloak.stop();
                }
            }, "system-stack-stop"));
            stack.startInfrastructure();
            if (keycloak != null) {
                // after Kafka and PostgreSQL: on a loaded machine, starting all three at once delayed the broker past its limit
                keycloak.start(Duration.ofMinutes(4));
            }
            consoleKeycloak = keycloak;
            // -Dnia.system.start-minutes=N: more time for a heavily loaded machine (deploy/chaos/run, a busy CI host)
            stack.startServices(Duration.ofMinutes(Long.getLong("nia.system.start-minutes", 3)));
            System.out.printf("System stack ready in %d s; logs in %s%n",
                    Duration.between(started, Instant.now()).toSeconds(), stack.dataDir().resolve("logs"));
        }
        return stack;
    }

    /** The stack's Keycloak for the console's people; empty where the browser tests do not run. */
    static synchronized Optional<ConsoleKeycloak> consoleKeycloak() {
        get();
        return Optional.ofNullable(consoleKeycloak);
    }
}
