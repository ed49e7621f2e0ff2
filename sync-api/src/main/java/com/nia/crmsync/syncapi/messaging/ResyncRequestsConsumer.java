package com.nia.crmsync.syncapi.messaging;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.messaging.DeadLetters;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.messaging.inbox.ProcessedMessages;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.resync.ResyncRequest;
import com.nia.crmsync.model.validation.Violation;
import com.nia.crmsync.syncapi.runs.RunService;

/**
 * Consumes resync requests (topic {@code crm.sync.requests.v1}, group {@code sync-api}): each valid
 * request becomes a {@code resync} run whose id is derived from the request's event id, created in
 * one transaction with the request's processed mark, then fanned out into bulk commands in the
 * background. A redelivered request finds its mark (and its run) and starts nothing. A record that
 * is not a valid request envelope, or a request whose payload breaks the contract, is dead-lettered
 * with the violations as the reason while the next record is processed.
 */
@ApplicationScoped
public class ResyncRequestsConsumer {

    static final String CHANNEL = "resync-requests-in";
    static final String CONSUMER = "sync-api.resync-requests";
    private final ProcessedMessages processed;
    private final RunService runs;
    private final ShutdownState shutdown;

    public ResyncRequestsConsumer(ProcessedMessages processed, RunService runs, ShutdownState shutdown) {
        this.processed = processed;
        this.runs = runs;
        this.shutdown = shutdown;
    }

    /** The run id of the request with this event id: the same on every delivery. */
    public static UUID runIdFor(UUID eventId) {
        return Ids.resyncRunId(eventId);
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onRequest(Message<String> message) {
        Envelope<ResyncRequest> envelope;
        try {
            envelope = Json.readEnvelope(message.getPayload(), ResyncRequest.class);
            List<Violation> violations = envelope.validate();
            if (violations.isEmpty() && !envelope.is(EventTypes.RESYNC_REQUESTED)) {
                violations = List.of(new Violation("/type", "expected " + EventTypes.RESYNC_REQUESTED + ", got " + envelope.type()));
            }
            if (violations.isEmpty()) {
                violations = envelope.payload().validate();
            }
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + violations);
            }
        } catch (RuntimeException invalid) {
            Log.warnf("Resync request dead-lettered: %s", invalid.getMessage());
            return DeadLetters.nack(message, invalid, 1);
        }
        try {
            UUID runId = runIdFor(envelope.eventId());
            Envelope<ResyncRequest> request = envelope;
            RunService.Resync resync = QuarkusTransaction.requiringNew().call(() -> processed.firstTime(CONSUMER, request.eventId())
                    ? runs.createResync(runId, request.payload())
                    : null);
            if (resync == null) {
                Log.debugf("Resync request %s already taken (run %s)", envelope.eventId(), runId);
            } else {
                Log.infof("Resync request %s (%s) is run %s", envelope.eventId(), envelope.payload().scope().wire(), runId);
                runs.startResync(resync);
            }
            return message.ack();
        } catch (IllegalArgumentException invalid) {
            Log.warnf("Resync request %s dead-lettered: %s", envelope.eventId(), invalid.getMessage());
            return DeadLetters.nack(message, new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + invalid.getMessage()), 1);
        } catch (RuntimeException e) {
            if (shutdown.shuttingDown()) {
                Log.infof("Resync request %s left for redelivery: shutting down", envelope.eventId());
                return CompletableFuture.completedFuture(null);
            }
            return DeadLetters.nack(message, e, 1);
        }
    }
}
