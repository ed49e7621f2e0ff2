package com.nia.crmsync.syncapi.runs;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.messaging.EnvelopeConsumer;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.messaging.inbox.ProcessedMessages;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.resync.ResyncRequest;
import com.nia.crmsync.model.validation.Violation;

/**
 * Consumes resync requests (topic {@code crm.sync.requests.v1}, group {@code sync-api}): each valid
 * request becomes a {@code resync} run whose id is derived from the request's event id, created in
 * one transaction with the request's processed mark, then fanned out into bulk commands in the
 * background. A redelivered request finds its mark (and its run) and starts nothing. A record that
 * is not a valid request envelope, or a request whose payload breaks the contract, is dead-lettered
 * with the violations as the reason while the next record is processed ({@link EnvelopeConsumer}).
 */
@ApplicationScoped
public class ResyncRequestsConsumer extends EnvelopeConsumer<ResyncRequest> {

    static final String CHANNEL = "resync-requests-in";
    static final String CONSUMER = "sync-api.resync-requests";
    private final ProcessedMessages processed;
    private final RunService runs;

    public ResyncRequestsConsumer(ProcessedMessages processed, RunService runs, ShutdownState shutdown) {
        super(shutdown, "Resync request");
        this.processed = processed;
        this.runs = runs;
    }

    /** The run id of the request with this event id: the same on every delivery. */
    public static UUID runIdFor(UUID eventId) {
        return Ids.resyncRunId(eventId);
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onRequest(Message<String> message) {
        return consume(message);
    }

    @Override
    protected Envelope<ResyncRequest> parse(String json) {
        Envelope<ResyncRequest> envelope = Json.readEnvelope(json, ResyncRequest.class);
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
        return envelope;
    }

    @Override
    protected void apply(Envelope<ResyncRequest> request) {
        UUID runId = runIdFor(request.eventId());
        RunService.Resync resync = QuarkusTransaction.requiringNew().call(() -> processed.firstTime(CONSUMER, request.eventId())
                ? runs.createResync(runId, request.payload())
                : null);
        if (resync == null) {
            Log.debugf("Resync request %s already taken (run %s)", request.eventId(), runId);
        } else {
            Log.infof("Resync request %s (%s) is run %s", request.eventId(), request.payload().scope().wire(), runId);
            runs.startResync(resync);
        }
    }

    /** A request the run service refuses is an invalid event: the dead letter says so. */
    @Override
    protected Throwable deadLetterReason(RuntimeException failure) {
        return failure instanceof IllegalArgumentException
                ? new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + failure.getMessage())
                : failure;
    }
}
