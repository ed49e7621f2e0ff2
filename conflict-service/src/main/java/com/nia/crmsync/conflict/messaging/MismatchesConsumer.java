package com.nia.crmsync.conflict.messaging;

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
import com.nia.crmsync.model.mismatch.Mismatch;

/**
 * Consumes the worker's mismatches (topic {@code crm.sync.mismatches.v1}, group
 * {@code conflict-service}) into the inbox. A record that is not a valid mismatch envelope, or that
 * cannot be stored, is dead-lettered with the reason while the next one is processed; a failure
 * caused by our own shutdown leaves the record for redelivery after the restart.
 */
@ApplicationScoped
public class MismatchesConsumer {

    /** The incoming channel (topic {@code crm.sync.mismatches.v1}). */
    public static final String CHANNEL = "mismatches-in";

    private final ConflictInbox inbox;
    private final ShutdownState shutdown;

    public MismatchesConsumer(ConflictInbox inbox, ShutdownState shutdown) {
        this.inbox = inbox;
        this.shutdown = shutdown;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onMismatch(Message<String> message) {
        Envelope<Mismatch> envelope;
        try {
            var tree = Json.readEnvelopeTree(message.getPayload().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            var violations = tree.validate();
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + violations);
            }
            if (!tree.is(EventTypes.MISMATCH)) {
                throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + "type " + tree.type()
                        + " on the mismatches topic");
            }
            envelope = Json.payloadAs(tree, Mismatch.class);
            Mismatch m = envelope.payload();
            if (m.type() == null || m.entity() == null) {
                throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + "a mismatch needs type and entity");
            }
        } catch (RuntimeException poison) {
            return DeadLetters.nack(message, poison, 1);
        }
        try {
            inbox.record(envelope);
            return message.ack();
        } catch (RuntimeException e) {
            if (shutdown.shuttingDown()) {
                Log.infof("Mismatch %s left for redelivery: shutting down", envelope.eventId());
                return CompletableFuture.completedFuture(null);
            }
            Log.warnf("Mismatch %s dead-lettered: %s", envelope.eventId(), e.getClass().getSimpleName());
            return DeadLetters.nack(message, e, envelope.payload().attempt());
        }
    }
}
