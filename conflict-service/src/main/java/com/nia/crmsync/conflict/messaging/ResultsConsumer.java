package com.nia.crmsync.conflict.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.conflict.service.ConflictInbox;
import com.nia.crmsync.messaging.EnvelopeConsumer;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Consumes the worker's results (topic {@code crm.sync.results.v1}) in this service's own group
 * {@code conflict-service}, next to sync-api's: results of resolve commands move their conflicts on,
 * other results supersede pending conflicts a newer change overtook. Invalid records are
 * dead-lettered with the reason; our own shutdown leaves a record for redelivery ({@link EnvelopeConsumer}).
 */
@ApplicationScoped
public class ResultsConsumer extends EnvelopeConsumer<SyncResult> {

    /** The incoming channel (topic {@code crm.sync.results.v1}). */
    public static final String CHANNEL = "results-in";

    private final ConflictInbox inbox;

    public ResultsConsumer(ConflictInbox inbox, ShutdownState shutdown) {
        super(shutdown, "Result", EventTypes.SYNC_RESULT, SyncResult.class, "results");
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onResult(Message<String> message) {
        return consume(message);
    }

    /** A result that is not whole (no command id, record, operation or outcome) is dead-lettered, not taken for "nothing to do". */
    @Override
    protected Envelope<SyncResult> parse(String json) {
        Envelope<SyncResult> envelope = super.parse(json);
        var violations = envelope.payload().validate();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("invalid event: " + violations);
        }
        return envelope;
    }

    @Override
    protected void apply(Envelope<SyncResult> envelope) {
        inbox.apply(envelope);
    }

    @Override
    protected int deadLetterAttempt(Envelope<SyncResult> envelope, int attemptsMade) {
        return envelope.payload().attempt();
    }
}
