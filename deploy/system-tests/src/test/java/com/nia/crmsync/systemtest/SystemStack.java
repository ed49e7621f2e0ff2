package com.nia.crmsync.systemtest;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.testkit.TestIssuer;

/**
 * The one stack a system-test run shares: Kafka, PostgreSQL and every packaged service as child
 * processes on random ports, booted on first use and stopped (gracefully, so coverage agents dump)
 * when the JVM exits. Tests isolate themselves by unique keys; only tests that kill or restart a
 * process do so, and they leave it running again. The services trust this JVM's {@link TestIssuer}
 * (discovery + JWKS, like Keycloak) instead of a Keycloak of their own: the same validation path,
 * without a minute of Keycloak start in every CI run; {@code KeycloakServerTests} in
 * {@code deploy/infra} proves the provider itself.
 */
public final class SystemStack {

    private static Stack stack;

    private SystemStack() {
    }

    public static synchronized Stack get() {
        if (stack == null) {
            Instant started = Instant.now();
            Path dir = Path.of(System.getProperty("nia.system.dir", "target/system-stack"));
            stack = Stack.builder(dir)
                    .persistent(false)
                    .oidcIssuer(TestIssuer.get().issuer())
                    .fixedPorts(false)
                    // C1 only: these JVMs live for minutes, a quicker start matters more than peak speed
                    .jvmOption("-XX:TieredStopAtLevel=1")
                    // commits far apart, so a killed worker certainly dies with processed but uncommitted commands
                    .env(com.nia.crmsync.infra.ServiceKind.SYNC_WORKER, "WORKER_COMMIT_INTERVAL_MS", "60000")
                    .build();
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "system-stack-stop"));
            stack.startInfrastructure();
            stack.startServices(Duration.ofMinutes(3));
            System.out.printf("System stack ready in %d s; logs in %s%n",
                    Duration.between(started, Instant.now()).toSeconds(), stack.dataDir().resolve("logs"));
        }
        return stack;
    }
}
