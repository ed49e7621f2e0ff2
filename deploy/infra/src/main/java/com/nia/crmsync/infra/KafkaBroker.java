package com.nia.crmsync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import com.nia.crmsync.model.Topics;

/**
 * A real single-node KRaft Kafka broker in its own JVM, built from the {@code kafka_2.13} jars that
 * {@code deploy/kafka-dist} copies from Maven Central. Its data folder survives a stop, so a restart
 * on the same ports keeps every topic and offset.
 */
public final class KafkaBroker implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final ManagedProcess process;

    private KafkaBroker(Path dataDir, int port, int controllerPort, String heap) {
        this.dataDir = dataDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        Path config = this.dataDir.resolve("server.properties");
        Path log4j = this.dataDir.resolve("log4j2.properties");
        List<String> cmd = ManagedProcess.javaCommand(
                "-Xmx" + heap, "-Xms64m", "-XX:+UseSerialGC",
                "-Dlog4j2.configurationFile=" + log4j,
                "-Dkafka.logs.dir=" + this.dataDir.resolve("logs"),
                "-cp", ManagedProcess.classpathOf(RepoLayout.kafkaLib()),
                "kafka.Kafka", config.toString());
        this.process = new ManagedProcess("kafka", cmd, Map.of(), this.dataDir.resolve("broker.log"), this.dataDir);
    }

    /** A broker on the given ports keeping its data in {@code dataDir}; 0 picks a free port. */
    public static KafkaBroker create(Path dataDir, int port, int controllerPort) {
        return new KafkaBroker(dataDir,
                port == 0 ? FreePorts.next() : port,
                controllerPort == 0 ? FreePorts.next() : controllerPort,
                "512m");
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Formats the storage on first use, starts the JVM and waits until the broker answers. */
    public KafkaBroker start() {
        try {
            Files.createDirectories(dataDir);
            writeConfig();
            if (!Files.exists(dataDir.resolve("kraft-logs/meta.properties"))) {
                format();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.start();
        // on a 2-core machine shared with other builds (load 30+) the broker's first start took 90 s
        awaitReady(Duration.ofMinutes(3));
        return this;
    }

    /** Controlled shutdown (SIGTERM); data is kept. */
    public void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Hard stop (SIGKILL); data is kept as the broker left it. */
    public void kill() {
        process.kill();
    }

    /** Stops and starts again on the same ports with the same data. */
    public void restart() {
        stop();
        process.start();
        awaitReady(Duration.ofSeconds(90));
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    public Path logFile() {
        return process.logFile();
    }

    /** Where the broker keeps its partitions' log segments. */
    public Path logDir() {
        return dataDir.resolve("kraft-logs");
    }

    /** Creates the contract's topics with their partition counts (existing ones are kept). */
    public void createTopics(List<Topics.Spec> specs) {
        try (Admin admin = admin()) {
            createTopics(admin, specs);
        }
    }

    /**
     * Creates topics with their partition counts and cleanup policy through any admin client (a
     * broker started here, attached to, or in a container); existing topics are kept.
     */
    public static void createTopics(Admin admin, List<Topics.Spec> specs) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topics.Spec spec : specs) {
            NewTopic topic = new NewTopic(spec.name(), spec.partitions(), (short) 1);
            if (spec.compacted()) {
                topic.configs(Map.of("cleanup.policy", "compact"));
            }
            topics.add(topic);
        }
        admin.createTopics(topics).values().forEach((name, future) -> {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + name, e.getCause());
                }
            } catch (Exception e) {
                throw new IllegalStateException("Cannot create topic " + name, e);
            }
        });
    }

    /** An admin client on this broker; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Exception last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited during start; see " + process.logFile());
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(250);
        }
        throw new IllegalStateException("Kafka broker not ready after " + timeout + "; see " + process.logFile(), last);
    }

    private void format() throws IOException {
        // The cluster id is generated here, not captured from the tool's stdout, which log lines can pollute.
        List<String> cmd = ManagedProcess.javaCommand(
                "-Xmx256m", "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"),
                "-cp", ManagedProcess.classpathOf(RepoLayout.kafkaLib()),
                "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", dataDir.resolve("server.properties").toString(), "--standalone");
        ManagedProcess formatter = new ManagedProcess("kafka-format", cmd, Map.of(), dataDir.resolve("format.log"), dataDir);
        formatter.start();
        Instant deadline = Instant.now().plusSeconds(60);
        while (formatter.isAlive() && Instant.now().isBefore(deadline)) {
            sleep(100);
        }
        if (!Files.exists(dataDir.resolve("kraft-logs/meta.properties"))) {
            formatter.kill();
            throw new IllegalStateException("Kafka storage format failed; see " + dataDir.resolve("format.log"));
        }
    }

    private void writeConfig() throws IOException {
        String config = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "log.dirs=" + logDir(),
                "num.partitions=1",
                // topics are part of the contract: created explicitly, never by a typo
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "log.cleaner.dedupe.buffer.size=8388608",
                "") ;
        Files.writeString(dataDir.resolve("server.properties"), config);
        String log4j = String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.target = SYSTEM_ERR",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.out.ref = OUT",
                "logger.server.name = kafka.server.KafkaRaftServer",
                "logger.server.level = INFO",
                "");
        Files.writeString(dataDir.resolve("log4j2.properties"), log4j);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
