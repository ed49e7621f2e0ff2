package com.nia.crmsync.syncapi.deadletters;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Identifier;

import com.nia.crmsync.model.Topics;

/**
 * Reads {@code crm.sync.dlq.v1} for the dead-letter endpoints with a consumer of its own per request:
 * partitions assigned and sought, never subscribed (no group, so no rebalance can take work from a
 * service's consumers), nothing committed. Each read is bounded: the newest
 * {@link DeadLettersConfig#maxScanned()} records of each partition, within {@link DeadLettersConfig#readTimeout()}.
 * The connection settings are the application's {@code kafka.*} ones.
 */
@ApplicationScoped
public class DeadLetterReader {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> kafka;
    private final DeadLettersConfig config;

    public DeadLetterReader(@Identifier("default-kafka-broker") Map<String, Object> kafka, DeadLettersConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    /** The dead letters of the scanned window, dead-lettered at or after {@code since} (null: all), in topic order. */
    public List<DeadLetter> scan(Instant since) {
        Instant deadline = Instant.now().plus(config.readTimeout());
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo p : consumer.partitionsFor(Topics.DEAD_LETTERS, config.readTimeout())) {
                partitions.add(new TopicPartition(p.topic(), p.partition()));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, config.readTimeout());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, config.readTimeout());
            Map<TopicPartition, OffsetAndTimestamp> fromTime = null;
            if (since != null) {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(tp -> times.put(tp, since.toEpochMilli()));
                fromTime = consumer.offsetsForTimes(times, config.readTimeout());
            }
            List<TopicPartition> open = new ArrayList<>();
            for (TopicPartition tp : partitions) {
                long start = Math.max(begin.get(tp), end.get(tp) - config.maxScanned());
                if (fromTime != null) {
                    OffsetAndTimestamp first = fromTime.get(tp);
                    start = first == null ? end.get(tp) : Math.max(start, first.offset());
                }
                if (start < end.get(tp)) {
                    consumer.seek(tp, start);
                    open.add(tp);
                }
            }
            consumer.assign(open);
            List<DeadLetter> read = new ArrayList<>();
            while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() < end.get(tp) && (since == null || r.timestamp() >= since.toEpochMilli())) {
                        read.add(DeadLetter.of(r));
                    }
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
                consumer.assign(open);
            }
            if (!open.isEmpty()) {
                Log.warnf("Dead letters: %s not read to the end within %s", open, config.readTimeout());
            }
            return read;
        }
    }

    /** The dead letter at {@code id}, or empty when the topic holds none there. */
    public Optional<DeadLetter> read(DeadLetterId id) {
        return readAll(List.of(id)).stream().findFirst();
    }

    /** The dead letters at the ids that the topic holds, in the order asked. */
    public List<DeadLetter> readAll(List<DeadLetterId> ids) {
        Instant deadline = Instant.now().plus(config.readTimeout());
        List<DeadLetter> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            int partitions = consumer.partitionsFor(Topics.DEAD_LETTERS, config.readTimeout()).size();
            for (DeadLetterId id : ids) {
                if (id.partition() >= partitions) {
                    continue;
                }
                TopicPartition tp = new TopicPartition(Topics.DEAD_LETTERS, id.partition());
                consumer.assign(List.of(tp));
                long begin = consumer.beginningOffsets(List.of(tp), config.readTimeout()).get(tp);
                long end = consumer.endOffsets(List.of(tp), config.readTimeout()).get(tp);
                if (id.offset() < begin || id.offset() >= end) {
                    continue;
                }
                consumer.seek(tp, id.offset());
                readOne(consumer, tp, id, deadline).ifPresent(found::add);
            }
        }
        return found;
    }

    private static Optional<DeadLetter> readOne(KafkaConsumer<byte[], byte[]> consumer, TopicPartition tp, DeadLetterId id,
            Instant deadline) {
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (r.offset() == id.offset()) {
                    return Optional.of(DeadLetter.of(r));
                }
                if (r.offset() > id.offset()) {
                    // e.g. the offset of a transaction marker: no record there
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "sync-api-dead-letters");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
