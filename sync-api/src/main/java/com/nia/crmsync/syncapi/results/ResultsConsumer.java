package com.nia.crmsync.syncapi.results;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.nia.crmsync.messaging.DeadLetterPublisher;
import com.nia.crmsync.messaging.EnvelopeConsumer;
import com.nia.crmsync.messaging.LogContext;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.messaging.TraceContext;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Consumes the workers' results (topic {@code crm.sync.results.v1}, group {@code sync-api}) a poll
 * at a time. A record that is not a valid result envelope is dead-lettered with the reason on its
 * own while the rest are applied; valid ones are applied by {@link ResultApplier} exactly once in
 * effect, in their order: consecutive sync results up to {@link #GROUP} in one transaction, a
 * pulled page, a reconciliation page or a probe alone. When a group fails (a result the applier
 * cannot apply, a lost lock race, the database away), its results are applied again one by one, so
 * only the one at fault is retried or dead-lettered. A failure caused by our own shutdown leaves
 * the poll unacknowledged, so it is redelivered after the restart instead of being dead-lettered
 * (results applied before it are then recognised as applied); the poll is acknowledged once every
 * record in it is applied or dead-lettered, never nacked as a whole (that would dead-letter every
 * record in it).
 */
@ApplicationScoped
public class ResultsConsumer extends EnvelopeConsumer<SyncResult> {

    static final String CHANNEL = "results-in";
    /** The most results applied in one transaction: a bulk run's results cost a commit per group; locks are held for one group. */
    static final int GROUP = 100;

    private final ResultApplier applier;
    private final ShutdownState shutdown;
    private final DeadLetterPublisher deadLetters;

    public ResultsConsumer(ResultApplier applier, ShutdownState shutdown, DeadLetterPublisher deadLetters) {
        super(shutdown, "Result");
        this.applier = applier;
        this.shutdown = shutdown;
        this.deadLetters = deadLetters;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onResults(KafkaRecordBatch<String, String> batch) {
        List<Parsed> group = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            Envelope<SyncResult> envelope;
            try {
                envelope = parse(record.getPayload());
            } catch (RuntimeException invalid) {
                deadLetter(record, invalid, 1, deadLetters);
                continue;
            }
            boolean together = ResultApplier.together(envelope.payload());
            if (together) {
                group.add(new Parsed(record, envelope));
                if (group.size() < GROUP) {
                    continue;
                }
            }
            if (!applied(group)) {
                return leftForRedelivery(batch);
            }
            if (!together && handle(record, envelope, deadLetters) == Handled.HELD) {
                return leftForRedelivery(batch);
            }
        }
        if (!applied(group)) {
            return leftForRedelivery(batch);
        }
        return batch.ack();
    }

    /** Applies a group in one transaction, or one by one when that fails; false when a result was held (shutdown). */
    private boolean applied(List<Parsed> group) {
        if (group.isEmpty()) {
            return true;
        }
        if (group.size() > 1) {
            try {
                applier.applyTogether(group.stream().map(Parsed::envelope).toList(),
                        i -> LogContext.open(TraceContext.ofRecord(group.get(i).record(), group.get(i).envelope().traceparent()),
                                group.get(i).envelope()));
                group.clear();
                return true;
            } catch (RuntimeException e) {
                if (shutdown.shuttingDown()) {
                    return false;
                }
                Log.infof("%d results applied one by one: applying them together failed (%s)", group.size(), e.toString());
            }
        }
        for (Parsed p : group) {
            if (handle(p.record(), p.envelope(), deadLetters) == Handled.HELD) {
                return false;
            }
        }
        group.clear();
        return true;
    }

    private static CompletionStage<Void> leftForRedelivery(KafkaRecordBatch<String, String> batch) {
        Log.infof("Results: a poll of %d left for redelivery: shutting down", batch.getRecords().size());
        return CompletableFuture.completedFuture(null);
    }

    private record Parsed(KafkaRecord<String, String> record, Envelope<SyncResult> envelope) {
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
