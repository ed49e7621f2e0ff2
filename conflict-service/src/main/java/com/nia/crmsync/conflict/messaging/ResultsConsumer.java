package com.nia.crmsync.conflict.messaging;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.conflict.service.ConflictInbox;
import com.nia.crmsync.messaging.DeadLetters;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Consumes the worker's results (topic {@code crm.sync.results.v1}) in this service's own group
 * {@code conflict-service}, next to sync-api's: results of resolve commands move their conflicts on,
 * other results supersede pending conflicts a newer change overtook. Invalid records are
 * dead-lettered with the reason; our own shutdown leaves a record for redelivery.
 */
@ApplicationScoped
public class ResultsConsumer {

    /** The incoming channel (topic {@code crm.sync.results.v1}). */
    public static final String CHANNEL = "results-in";

    private final ConflictInbox inbox;
    private final ShutdownState shutdown;

    public ResultsConsumer(ConflictInbox inbox, ShutdownState shutdown) {
        this.inbox = inbox;
        this.shutdown = shutdown;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onResult(Message<String> message) {
        Envelope<SyncResult> envelope;
        try {
            var tree = Json.readEnvelopeTree(message.getPayload().getBytes(StandardCharsets.UTF_8));
            var violations = tree.validate();
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + violations);
            }
            if (!tree.is(EventTypes.SYNC_RESULT)) {
                throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + "type " + tree.type()
                        + " on the results topic");
            }
            envelope = Json.payloadAs(tree, SyncResult.class);
        } catch (RuntimeException poison) {
            return DeadLetters.nack(message, poison, 1);
        }
        try {
            inbox.apply(envelope);
            return message.ack();
        } catch (RuntimeException e) {
            if (shutdown.shuttingDown()) {
                Log.infof("Result %s left for redelivery: shutting down", envelope.eventId());
                return CompletableFuture.completedFuture(null);
            }
            Log.warnf("Result %s dead-lettered: %s", envelope.eventId(), e.getClass().getSimpleName());
            return DeadLetters.nack(message, e, envelope.payload().attempt());
        }
    }
}
