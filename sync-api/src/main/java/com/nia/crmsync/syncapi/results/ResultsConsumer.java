package com.nia.crmsync.syncapi.results;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.common.annotation.Blocking;

import com.nia.crmsync.messaging.EnvelopeConsumer;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Consumes the workers' results (topic {@code crm.sync.results.v1}, group {@code sync-api}). A
 * record that is not a valid result envelope is nacked and lands on the dead-letter topic with the
 * reason while the next record is processed; a valid one is applied by {@link ResultApplier}
 * exactly once in effect. A failure caused by our own shutdown leaves the record unacknowledged, so
 * it is redelivered after the restart instead of being dead-lettered ({@link EnvelopeConsumer}).
 */
@ApplicationScoped
public class ResultsConsumer extends EnvelopeConsumer<SyncResult> {

    static final String CHANNEL = "results-in";

    private final ResultApplier applier;

    public ResultsConsumer(ResultApplier applier, ShutdownState shutdown) {
        super(shutdown, "Result");
        this.applier = applier;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onResult(Message<String> message) {
        return consume(message);
    }

    @Override
    protected Envelope<SyncResult> parse(String json) {
        Envelope<SyncResult> envelope = Json.readEnvelope(json, SyncResult.class);
        var violations = new java.util.ArrayList<>(envelope.validate());
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
