package com.nia.crmsync.syncapi.results;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.messaging.DeadLetters;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Consumes the workers' results (topic {@code crm.sync.results.v1}, group {@code sync-api}). A
 * record that is not a valid result envelope is nacked and lands on the dead-letter topic with the
 * reason while the next record is processed; a valid one is applied by {@link ResultApplier}
 * exactly once in effect. A failure caused by our own shutdown leaves the record unacknowledged, so
 * it is redelivered after the restart instead of being dead-lettered.
 */
@ApplicationScoped
public class ResultsConsumer {

    static final String CHANNEL = "results-in";

    private final ResultApplier applier;
    private final ShutdownState shutdown;

    public ResultsConsumer(ResultApplier applier, ShutdownState shutdown) {
        this.applier = applier;
        this.shutdown = shutdown;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onResult(Message<String> message) {
        Envelope<SyncResult> envelope;
        try {
            envelope = Json.readEnvelope(message.getPayload(), SyncResult.class);
            var violations = envelope.validate();
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException("Invalid result envelope: " + violations);
            }
        } catch (RuntimeException poison) {
            return DeadLetters.nack(message, poison, 1);
        }
        try {
            applier.apply(envelope);
            return message.ack();
        } catch (RuntimeException e) {
            if (shutdown.shuttingDown()) {
                Log.infof("Result %s left for redelivery: shutting down", envelope.eventId());
                return CompletableFuture.completedFuture(null);
            }
            return DeadLetters.nack(message, e, 1);
        }
    }
}
