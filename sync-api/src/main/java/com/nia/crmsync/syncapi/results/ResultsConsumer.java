package com.nia.crmsync.syncapi.results;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.nia.crmsync.messaging.DeadLetterPublisher;
import com.nia.crmsync.messaging.EnvelopeConsumer;
import com.nia.crmsync.messaging.LogContext;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Consumes the workers' results (topic {@code crm.sync.results.v1}, group {@code sync-api}) a poll
 * at a time ({@link #consumeBatch}). A record that is not a valid result envelope is dead-lettered
 * with the reason on its own while the rest are applied; valid ones are applied by
 * {@link ResultApplier} exactly once in effect, in their order: consecutive sync results up to
 * {@link #GROUP} in one transaction, a pulled page, a reconciliation page or a probe alone. When a
 * group fails (a result the applier cannot apply, a lost lock race, the database away), its results
 * are applied again one by one, so only the one at fault is retried or dead-lettered. A failure
 * caused by our own shutdown leaves the poll unacknowledged, so it is redelivered after the restart
 * instead of being dead-lettered (results applied before it are then recognised as applied).
 */
@ApplicationScoped
public class ResultsConsumer extends EnvelopeConsumer<SyncResult> {

    static final String CHANNEL = "results-in";
    /** The most results applied in one transaction: a bulk run's results cost a commit per group; locks are held for one group. */
    static final int GROUP = 100;

    private final ResultApplier applier;
    private final DeadLetterPublisher deadLetters;

    public ResultsConsumer(ResultApplier applier, ShutdownState shutdown, DeadLetterPublisher deadLetters) {
        super(shutdown, "Result");
        this.applier = applier;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onResults(KafkaRecordBatch<String, String> batch) {
        return consumeBatch(batch, deadLetters);
    }

    @Override
    protected boolean together(Envelope<SyncResult> envelope) {
        return ResultApplier.together(envelope.payload());
    }

    @Override
    protected int groupSize() {
        return GROUP;
    }

    @Override
    protected void applyTogether(List<Envelope<SyncResult>> envelopes, IntFunction<LogContext> context) {
        applier.applyTogether(envelopes, context);
    }

    @Override
    protected Envelope<SyncResult> parse(String json) {
        Envelope<SyncResult> envelope = Json.readEnvelope(json, SyncResult.class);
        var violations = new ArrayList<>(envelope.validate());
        if (envelope.payload() != null) {
            violations.addAll(envelope.payload().validate());
        }
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("Invalid result envelope: " + violations);
        }
        return envelope;
    }

    @Override
    protected void apply(Envelope<SyncResult> envelope) {
        applier.apply(envelope);
    }

    /** {@link ResultApplier#apply} waits for its database itself (its retries span 60 s): no second wait on top. */
    @Override
    protected Duration dependencyHold() {
        return Duration.ZERO;
    }
}
