package com.nia.crmsync.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A test's handle on the real Kafka broker: raw producers and readers of whole topics, so tests
 * publish exactly what another NIA service (or kcat) would and read what the services stored.
 */
public final class TestKafka {

    private final String bootstrapServers;
    private final java.nio.file.Path logDir;

    public TestKafka(String bootstrapServers) {
        this(bootstrapServers, null);
    }

    /** A broker this JVM started, whose log directory tests may read (what the broker really stored). */
    public TestKafka(String bootstrapServers, java.nio.file.Path logDir) {
        this.bootstrapServers = bootstrapServers;
        this.logDir = logDir;
    }

    /** The broker's log directory, when the broker was started here (not when attached or in a container). */
    public java.util.Optional<java.nio.file.Path> logDir() {
        return java.util.Optional.ofNullable(logDir);
    }

    /**
     * Every record batch the broker stored for a topic, read from its log segments: producer id,
     * epoch and base sequence prove idempotent production from what the broker kept, not from a
     * properties file.
     */
    public List<StoredBatch> storedBatches(String topic) {
        java.nio.file.Path dir = logDir().orElseThrow(() -> new IllegalStateException("the broker was not started by this JVM"));
        List<StoredBatch> batches = new ArrayList<>();
        try (var partitions = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path partition : partitions.filter(p -> p.getFileName().toString().startsWith(topic + "-")).toList()) {
                try (var segments = java.nio.file.Files.list(partition)) {
                    for (java.nio.file.Path segment : segments.filter(p -> p.toString().endsWith(".log")).toList()) {
                        try (var records = org.apache.kafka.common.record.FileRecords.open(segment.toFile(), false)) {
                            for (var batch : records.batches()) {
                                List<String> values = new ArrayList<>();
                                for (var rec : batch) {
                                    values.add(rec.hasValue() ? StandardCharsets.UTF_8.decode(rec.value()).toString() : null);
                                }
                                batches.add(new StoredBatch(partition.getFileName().toString(), batch.producerId(),
                                        batch.producerEpoch(), batch.baseSequence(), values));
                            }
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return batches;
    }

    /** One record batch as the broker stored it. */
    public record StoredBatch(String partition, long producerId, short producerEpoch, int baseSequence, List<String> values) {
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** An admin client; the caller closes it. */
    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return Admin.create(props);
    }

    /** Publishes one raw record (UTF-8 JSON or anything else) with optional headers; waits for the broker's ack. */
    public void send(String topic, String key, String value, Map<String, String> headers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            ProducerRecord<String, String> rec = new ProducerRecord<>(topic, key, value);
            headers.forEach((k, v) -> rec.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(rec).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish to " + topic, e);
        }
    }

    public void send(String topic, String key, String value) {
        send(topic, key, value, Map.of());
    }

    /**
     * Publishes {@code values} under one key (so to one partition, in their order) from one producer
     * that lingers to send them together: a consumer's next poll sees them all. Waits for the broker's acks.
     */
    public void sendTogether(String topic, String key, List<String> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "200");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
            for (String value : values) {
                acks.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> ack : acks) {
                ack.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish to " + topic, e);
        }
    }

    /**
     * Reads a topic from the beginning with a fresh group until {@code done} holds for what was read
     * or the timeout passes; returns every record read.
     */
    public List<ConsumerRecord<String, String>> readUntil(String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = reader()) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && !done.test(records)) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Reads everything a topic holds now (a short quiet period ends the read). */
    public List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = reader()) {
            consumer.subscribe(List.of(topic));
            Instant lastSeen = Instant.now();
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                if (records.size() > before) {
                    lastSeen = Instant.now();
                } else if (!consumer.assignment().isEmpty() && Duration.between(lastSeen, Instant.now()).compareTo(quiet) > 0) {
                    break;
                }
            }
        }
        return records;
    }

    /** A consumer in a fresh group that reads from the beginning and commits nothing; the caller closes it. */
    private KafkaConsumer<String, String> reader() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    /** The header's value as text, or {@code null}. */
    public static String header(ConsumerRecord<?, ?> rec, String name) {
        var h = rec.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
