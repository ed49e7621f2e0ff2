package com.nia.crmsync.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.nia.crmsync.model.deadletter.DeadLetterHeaders;

/**
 * Sends a message to the dead-letter topic through the channel's dead-letter strategy (one
 * publisher per topic), which writes the reason, the origin topic, partition and offset and the
 * exception class; this adds the attempt the consumer knows, so an operator sees how often it
 * was tried before it was given up, and counts it ({@link DeadLetterMetrics}).
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static CompletionStage<Void> nack(Message<?> message, Throwable reason, int attempt) {
        DeadLetterMetrics.record(message.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getTopic)
                .orElse(null), null, reason);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.ATTEMPT, Integer.toString(attempt).getBytes(StandardCharsets.UTF_8));
        return message.nack(reason, Metadata.of(OutgoingKafkaRecordMetadata.builder().withHeaders(headers).build()));
    }
}
