package com.nia.crmsync.conflict.messaging;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.nia.crmsync.conflict.service.ConflictInbox;
import com.nia.crmsync.messaging.DeadLetterPublisher;
import com.nia.crmsync.messaging.EnvelopeConsumer;
import com.nia.crmsync.messaging.LogContext;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Consumes the worker's results (topic {@code crm.sync.results.v1}) in this service's own group
 * {@code conflict-service}, next to sync-api's: results of resolve commands move their conflicts on,
 * other results supersede pending conflicts a newer change overtook. A poll is consumed at a time,
 * its results up to 100 in one transaction ({@link EnvelopeConsumer#consumeBatch}: a group that
 * fails is applied again one by one). Invalid records are dead-lettered with the reason on their
 * own; our own shutdown leaves the poll for redelivery.
 */
@ApplicationScoped
public class ResultsConsumer extends EnvelopeConsumer<SyncResult> {

    /** The incoming channel (topic {@code crm.sync.results.v1}). */
    public static final String CHANNEL = "results-in";

    private final ConflictInbox inbox;
    private final DeadLetterPublisher deadLetters;
    private final EntityManager em;

    public ResultsConsumer(ConflictInbox inbox, ShutdownState shutdown, DeadLetterPublisher deadLetters, EntityManager em) {
        super(shutdown, "Result", EventTypes.SYNC_RESULT, SyncResult.class, "results");
        this.em = em;
        this.inbox = inbox;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onResults(KafkaRecordBatch<String, String> batch) {
        return consumeBatch(batch, deadLetters);
    }

    /** Every result: each is applied as {@link ConflictInbox#apply} applies it alone, and most change nothing here. */
    @Override
    protected boolean together(Envelope<SyncResult> envelope) {
        return true;
    }

    @Override
    protected void applyTogether(List<Envelope<SyncResult>> envelopes, IntFunction<LogContext> context) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < envelopes.size(); i++) {
                try (LogContext ignored = context.apply(i)) {
                    inbox.apply(envelopes.get(i));
                }
                // each result's rows written and let go, so later results' flushes do not dirty-check them again
                em.flush();
                em.clear();
            }
        });
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
