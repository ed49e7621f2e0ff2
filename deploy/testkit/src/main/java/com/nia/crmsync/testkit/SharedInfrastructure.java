package com.nia.crmsync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.nia.crmsync.infra.KafkaBroker;
import com.nia.crmsync.infra.PostgresServer;
import com.nia.crmsync.model.Topics;

/**
 * The infrastructure a test JVM shares: one Kafka broker and one PostgreSQL server, started on
 * first use on random ports and stopped when the JVM exits, so Quarkus restarts between test
 * classes do not pay for them again. Where to get them:
 * <ul>
 * <li>default: started here from Maven artifacts (no Docker);</li>
 * <li>{@code NIA_KAFKA_BOOTSTRAP_SERVERS} / {@code NIA_PG_ADMIN_URL}: attach to running ones;</li>
 * <li>{@code NIA_INFRA=testcontainers} (or {@code -Dnia.infra=testcontainers}): containers, for people who have Docker.</li>
 * </ul>
 */
public final class SharedInfrastructure {

    private static TestKafka kafka;
    private static PostgresServer postgres;
    private static Path workDir;

    private SharedInfrastructure() {
    }

    /** Whether the resources were asked to use Testcontainers. */
    public static boolean containersRequested() {
        return "testcontainers".equals(System.getProperty("nia.infra", System.getenv("NIA_INFRA")));
    }

    /** The shared broker, with the contract's topics created. */
    public static synchronized TestKafka kafka() {
        if (kafka == null) {
            String attach = System.getenv("NIA_KAFKA_BOOTSTRAP_SERVERS");
            if (attach != null && !attach.isBlank()) {
                kafka = new TestKafka(attach);
            } else if (containersRequested()) {
                kafka = new TestKafka(ContainerInfrastructure.kafkaBootstrapServers());
            } else {
                KafkaBroker broker = KafkaBroker.create(workDir().resolve("kafka"), 0, 0).start();
                Runtime.getRuntime().addShutdownHook(new Thread(broker::stop, "test-kafka-stop"));
                kafka = new TestKafka(broker.bootstrapServers(), broker.logDir());
            }
            createTopics(kafka);
        }
        return kafka;
    }

    /** The shared PostgreSQL server. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            if (containersRequested() && System.getenv("NIA_PG_ADMIN_URL") == null) {
                postgres = PostgresServer.attach(ContainerInfrastructure.postgresAdminUrl());
            } else {
                postgres = PostgresServer.startOrAttach(workDir().resolve("postgres"));
                Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "test-postgres-stop"));
            }
        }
        return postgres;
    }

    private static void createTopics(TestKafka kafka) {
        try (var admin = kafka.admin()) {
            KafkaBroker.createTopics(admin, Topics.ALL);
        }
    }

    private static Path workDir() {
        if (workDir == null) {
            try {
                Path base = Path.of(System.getProperty("nia.test.workdir", "target/test-infra"));
                Files.createDirectories(base);
                workDir = Files.createTempDirectory(base.toAbsolutePath(), "run-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return workDir;
    }
}
