package com.nia.crmsync.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.nia.crmsync.model.deadletter.DeadLetterHeaders;

/**
 * Sends a message to the dead-letter topic through the channel's dead-letter strategy (one
 * publisher per topic), which writes the reason, the origin topic, partition and offset and the
 * exception class and keeps the record's own headers; this adds the attempt the consumer knows, so
 * an operator sees how often it was tried before it was given up, and how often it has been
 * dead-lettered ({@link DeadLetterHeaders#DEAD_LETTER_ATTEMPT}: one above the replays the record's
 * {@link DeadLetterHeaders#REPLAY_ATTEMPT} counts).
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static CompletionStage<Void> nack(Message<?> message, Throwable reason, int attempt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.ATTEMPT, Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.DEAD_LETTER_ATTEMPT,
                Integer.toString(deadLetterAttempt(message)).getBytes(StandardCharsets.UTF_8));
        return message.nack(reason, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }

    /**
     * The {@link DeadLetterHeaders#DEAD_LETTER_ATTEMPT} a consumed record gets when it is dead-lettered:
     * 1, or n + 1 when it is the n-th replay of a dead letter.
     */
    public static int deadLetterAttempt(Message<?> message) {
        return DeadLetterHeaders.deadLetterAttempt(message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(DeadLetterHeaders.REPLAY_ATTEMPT))
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .orElse(null));
    }
}
