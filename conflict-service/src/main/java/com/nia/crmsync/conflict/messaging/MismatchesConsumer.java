package com.nia.crmsync.conflict.messaging;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.conflict.service.ConflictInbox;
import com.nia.crmsync.messaging.EnvelopeConsumer;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.mismatch.Mismatch;

/**
 * Consumes the worker's mismatches (topic {@code crm.sync.mismatches.v1}, group
 * {@code conflict-service}) into the inbox. A record that is not a valid mismatch envelope, or that
 * cannot be stored, is dead-lettered with the reason while the next one is processed; a failure
 * caused by our own shutdown leaves the record for redelivery after the restart ({@link EnvelopeConsumer}).
 */
@ApplicationScoped
public class MismatchesConsumer extends EnvelopeConsumer<Mismatch> {

    /** The incoming channel (topic {@code crm.sync.mismatches.v1}). */
    public static final String CHANNEL = "mismatches-in";

    private final ConflictInbox inbox;

    public MismatchesConsumer(ConflictInbox inbox, ShutdownState shutdown) {
        super(shutdown, "Mismatch", EventTypes.MISMATCH, Mismatch.class, "mismatches");
        this.inbox = inbox;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onMismatch(Message<String> message) {
        return consume(message);
    }

    /** A mismatch envelope whose payload names its type and entity. */
    @Override
    protected Envelope<Mismatch> parse(String json) {
        Envelope<Mismatch> envelope = super.parse(json);
        Mismatch m = envelope.payload();
        if (m.type() == null || m.entity() == null) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + "a mismatch needs type and entity");
        }
        return envelope;
    }

    @Override
    protected void apply(Envelope<Mismatch> envelope) {
        inbox.record(envelope);
    }

    @Override
    protected int deadLetterAttempt(Envelope<Mismatch> envelope, int attemptsMade) {
        return envelope.payload().attempt();
    }
}
