package com.nia.crmsync.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import com.nia.crmsync.model.deadletter.DeadLetterHeaders;

/**
 * Dead letters a consumer publishes itself, where nacking the record through the channel's
 * dead-letter strategy would not do: the worker's command whose last allowed attempt failed, and a
 * record of a batch-consumed channel (the worker's bulk lane, the results in sync-api and conflict-service) that cannot be
 * applied; nacking a batch would dead-letter every record in it. The key and value stay the
 * original record's, so it can be replayed as it is; the headers are the framework's dead-letter
 * strategy's, plus the attempt and how often the record has been dead-lettered. Every dead letter
 * writes one WARN line with its reason, and each one is
 * counted ({@code crmsync.dead.letters}).
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private final Emitter<String> emitter;

    /** Publishes on the service's {@code dlq-out} channel (topic {@code crm.sync.dlq.v1}, configured by each service). */
    public DeadLetterPublisher(@Channel("dlq-out") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Where a record came from, and the {@link DeadLetterHeaders#DEAD_LETTER_ATTEMPT} its dead letter gets (1, or
     * n + 1 for the n-th replay of a dead letter).
     */
    public record Origin(String topic, int partition, long offset, int deadLetterAttempt) {
    }

    /** Where a consumed record came from: its topic, partition and offset, and how often it has been dead-lettered before. */
    public static Origin origin(Message<?> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> new Origin(m.getTopic(), m.getPartition(), m.getOffset(), DeadLetters.deadLetterAttempt(message)))
                .orElse(null);
    }

    /** Dead-letters a consumed record as it is (its key, value and origin), the failure's message as the reason. */
    public void publish(Message<String> record, Throwable reason, int attempt) {
        String key = record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getKey() == null ? null : m.getKey().toString())
                .orElse(null);
        publish(key, record.getPayload(), origin(record), String.valueOf(reason.getMessage()), reason, attempt);
    }

    /** Dead-letters one record and waits for the broker. */
    public void publish(String key, String value, Origin origin, String reason, Throwable exception, int attempt) {
        RecordHeaders headers = new RecordHeaders();
        put(headers, DeadLetterHeaders.REASON, reason);
        if (origin != null) {
            put(headers, DeadLetterHeaders.ORIGIN_TOPIC, origin.topic());
            put(headers, DeadLetterHeaders.ORIGIN_PARTITION, Integer.toString(origin.partition()));
            put(headers, DeadLetterHeaders.ORIGIN_OFFSET, Long.toString(origin.offset()));
        }
        if (exception != null) {
            put(headers, DeadLetterHeaders.EXCEPTION_CLASS, exception.getClass().getName());
            if (exception.getCause() != null) {
                put(headers, DeadLetterHeaders.CAUSE, String.valueOf(exception.getCause().getMessage()));
                put(headers, DeadLetterHeaders.CAUSE_CLASS, exception.getCause().getClass().getName());
            }
        }
        put(headers, DeadLetterHeaders.ATTEMPT, Integer.toString(attempt));
        put(headers, DeadLetterHeaders.DEAD_LETTER_ATTEMPT, Integer.toString(origin == null ? 1 : origin.deadLetterAttempt()));
        Acks.await(List.of(Acks.send(emitter, key, value, headers, Context.current())));
        Log.warnf("Dead letter: %s, key %s, attempt %d, reason: %s",
                origin == null ? "a command" : origin.topic() + "-" + origin.partition() + "@" + origin.offset(), key, attempt, reason);
        DeadLetterMetrics.record(origin != null ? origin.topic() : null, reason, exception);
    }

    private static void put(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
