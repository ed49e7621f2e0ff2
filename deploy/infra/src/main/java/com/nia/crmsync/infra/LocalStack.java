package com.nia.crmsync.infra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * The one-command local stack ({@code deploy/local/run}): Kafka, PostgreSQL and every service on
 * their documented ports, data kept in a git-ignored folder so a restart keeps it. Runs in the
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
        Stack stack = Stack.builder(dataDir).persistent(true).fixedPorts(true).seedDemoData(true).build();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack ...");
            try {
                stack.close();
                Files.deleteIfExists(readyFile);
                Files.deleteIfExists(pidFile);
            } catch (IOException | RuntimeException e) {
                System.err.println("While stopping: " + e);
            }
            stopped.countDown();
            System.out.println("Stopped.");
        }, "local-stack-shutdown"));

        System.out.println("Starting Kafka and PostgreSQL (data in " + dataDir + ") ...");
        stack.startInfrastructure();
        System.out.println("Starting the services ...");
        stack.startServices(Duration.ofMinutes(3));

        StringBuilder out = new StringBuilder();
        out.append("\nNIA Creatio Sync is up in ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s\n\n");
        out.append(String.format("  %-20s %s%n", "public API", stack.service(ServiceKind.FRONT_ROUTER).baseUrl() + "/api/v1/"));
        for (QuarkusService s : stack.instances().values()) {
            out.append(String.format("  %-20s %s   (log: %s)%n", s.name(), s.baseUrl(), s.logFile()));
        }
        out.append(String.format("  %-20s %s   (log: %s)%n", "kafka", stack.kafka().bootstrapServers(), stack.kafka().logFile()));
        out.append(String.format("  %-20s %s%n", "postgresql", stack.postgres().jdbcUrl()));
        out.append("\nStop with Ctrl-C or deploy/local/run stop.\n");
        System.out.println(out);
        Files.writeString(readyFile, out.toString());
        stopped.await();
    }
}
