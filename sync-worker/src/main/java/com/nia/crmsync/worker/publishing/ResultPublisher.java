package com.nia.crmsync.worker.publishing;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.nia.crmsync.messaging.Acks;
import com.nia.crmsync.messaging.TraceContext;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Publishes results keyed by entity and waits for the broker's acknowledgement, so a command's
 * offset is committed only after its result is stored. A result's event id derives from the
 * command id and attempt: a redelivered command publishes the same event id, which consumers
 * deduplicate.
 */
@ApplicationScoped
public class ResultPublisher {

    private final Emitter<String> emitter;

    public ResultPublisher(@Channel("results-out") Emitter<String> emitter) {
        this.emitter = emitter;
    }

    /** Publishes results together and waits until the broker stored all of them. */
    public void publishAll(java.util.List<Envelope<SyncResult>> results) {
        Acks.sendAll(emitter, results);
    }

    public void publish(Envelope<SyncResult> result) {
        CompletableFuture<Void> ack = new CompletableFuture<>();
        Message<String> message = Message.of(Json.write(result))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(result.aggregateId()).build())
                .addMetadata(TracingMetadata.withCurrent(TraceContext.forEnvelope(result.traceparent())))
                .withAck(() -> {
                    ack.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(e -> {
                    ack.completeExceptionally(e);
                    return CompletableFuture.completedFuture(null);
                });
        emitter.send(message);
        try {
            ack.get(35, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Result not acknowledged by Kafka", e);
        }
    }
}
