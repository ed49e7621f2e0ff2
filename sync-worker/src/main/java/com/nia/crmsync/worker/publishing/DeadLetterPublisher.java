package com.nia.crmsync.worker.publishing;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

import com.nia.crmsync.model.deadletter.DeadLetterHeaders;

/**
 * The worker's own dead letters of commands: a command whose last allowed attempt failed, and a
 * record of the batch-consumed bulk lane that is not a valid command. The key and value stay the
 * original record's, so it can be replayed as it is; the headers are the framework's dead-letter
 * strategy's, plus the attempt and how often the record has been dead-lettered.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    private final Emitter<String> emitter;

    public DeadLetterPublisher(@Channel("dlq-out") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /**
     * Where a record came from, and the {@link DeadLetterHeaders#DEAD_LETTER_ATTEMPT} its dead letter gets (1, or
     * n + 1 for the n-th replay of a dead letter).
     */
    public record Origin(String topic, int partition, long offset, int deadLetterAttempt) {
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
        Acks.await(List.of(Acks.send(emitter, key, value, headers)));
    }

    private static void put(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}
