package com.nia.crmsync.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;

/**
 * Sends records and waits until the broker stored every one of them (acks=all). Each record is
 * sent in its envelope's trace (the Kafka instrumentation writes the {@code traceparent} header),
 * so a result of a bulk batch joins the trace of its own command.
 */
public final class Acks {

    private static final long WAIT_SECONDS = 35;

    private Acks() {
    }

    public static void sendAll(Emitter<String> emitter, List<? extends Envelope<?>> envelopes) {
        List<CompletableFuture<Void>> acks = new ArrayList<>();
        for (Envelope<?> e : envelopes) {
            acks.add(send(emitter, e.aggregateId(), Json.write(e), null, TraceContext.forEnvelope(e.traceparent())));
        }
        await(acks);
    }

    public static CompletableFuture<Void> send(Emitter<String> emitter, String key, String value, RecordHeaders headers, Context trace) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> meta = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(key);
        if (headers != null) {
            meta.withHeaders(headers);
        }
        Message<String> message = Message.of(value).addMetadata(meta.build()).addMetadata(TracingMetadata.withCurrent(trace))
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    ack.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        return ack;
    }

    public static void await(List<CompletableFuture<Void>> acks) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        } catch (Exception e) {
            throw new IllegalStateException("Not acknowledged by Kafka", e);
        }
    }
}
