package com.nia.crmsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.nia.crmsync.model.Topics;

/**
 * What the local stack promises about its data and its processes, on the real broker and server:
 * a stop leaves no process behind, and the next start still has what was written before (a row,
 * a Kafka record, the generated passwords).
 */
class PersistentStackTests {

    @TempDir
    Path dir;

    @Test
    void aRestartKeepsRowsRecordsAndPasswordsAndAStopLeavesNoProcess() throws Exception {
        Stack first = Stack.builder(dir).persistent(true).services(EnumSet.of(ServiceKind.SYNC_API)).build();
        first.startInfrastructure();
        ServiceDatabase db = first.database(ServiceKind.SYNC_API);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.role(), db.password())) {
            c.createStatement().execute("CREATE TABLE kept (v text)");
            c.createStatement().execute("INSERT INTO kept VALUES ('written before')");
        }
        produce(first.kafka().bootstrapServers(), "kept-key", "kept-value");
        first.close();

        assertThat(processesUsing(dir)).as("no broker or postgres process survives the stop").isEmpty();

        Stack second = Stack.builder(dir).persistent(true).services(EnumSet.of(ServiceKind.SYNC_API)).build();
        try {
            second.startInfrastructure();
            ServiceDatabase again = second.database(ServiceKind.SYNC_API);
            assertThat(again.password()).isEqualTo(db.password());
            try (Connection c = DriverManager.getConnection(again.jdbcUrl(), again.role(), again.password());
                    ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("written before");
            }
            assertThat(consumeAll(second.kafka().bootstrapServers())).contains("kept-value");
            assertThat(Files.readString(dir.resolve("secrets.properties"))).doesNotContain("written before");
        } finally {
            second.close();
        }
        assertThat(processesUsing(dir)).isEmpty();
    }

    private static List<String> processesUsing(Path dir) {
        String marker = dir.toAbsolutePath().toString();
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(cmd -> cmd.contains(marker))
                .toList();
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.SYNC_REQUESTS, key, value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "persistence-check");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SYNC_REQUESTS));
            List<String> values = new java.util.ArrayList<>();
            long deadline = System.currentTimeMillis() + 30_000;
            while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
            }
            return values;
        }
    }
}
