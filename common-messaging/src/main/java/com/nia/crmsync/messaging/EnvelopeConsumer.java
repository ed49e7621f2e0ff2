package com.nia.crmsync.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.IntFunction;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;

/**
 * The skeleton every Kafka consumer of an envelope shares. A subclass names the envelope type and
 * payload class it reads once, in its constructor (or overrides {@link #parse}, throwing with the
 * dead-letter reason, when it reads otherwise) and applies a record ({@link #apply}); its
 * {@code @Incoming @Blocking} method only calls {@link #consume} (Quarkus registers only the
 * {@code @Incoming} methods a bean class declares itself, so that one line stays in each subclass). A record that cannot be read
 * is dead-lettered with the reason at once, and the partition moves on. A record is applied inside
 * its trace (the producer's, continued) with its ids in the log's MDC ({@link LogContext}). A failure to apply it is
 * classified ({@link FailureKind}): our own shutdown, or a misconfiguration of this instance,
 * leaves the record unacknowledged (redelivered after the restart, never dead-lettered); a
 * dependency that is away (the database restarting, a lost connection: {@link FailureKind#dependencyAway})
 * says nothing about the record, so it is tried again in place with back-off for up to
 * {@link #dependencyHold()} (the partition waits, as it must: nothing behind it could be applied
 * either); a lost race is tried again at once up to {@link #attempts()} times; the rest, and a
 * failure that outlasts those, are dead-lettered with the failure as the reason.
 *
 * @param <T> the payload type
 */
public abstract class EnvelopeConsumer<T> {

    /**
     * How long a record is tried again while a dependency is away: a PostgreSQL or broker restart
     * takes seconds; it stays inside the commit strategy's limit on a record left unprocessed
     * ({@code throttled.unprocessed-record-max-age.ms}, 60 s), past which the whole channel fails.
     */
    public static final Duration DEPENDENCY_HOLD = Duration.ofSeconds(40);
    static final Duration FIRST_PAUSE = Duration.ofMillis(100);
    static final Duration MAX_PAUSE = Duration.ofSeconds(5);

    private final ShutdownState shutdown;
    private final String subject;
    private final String type;
    private final Class<T> payloadClass;
    private final String topicName;

    /** For the client proxy of a normal-scoped subclass only (Quarkus adds the subclass's no-args constructor). */
    protected EnvelopeConsumer() {
        this(null, null);
    }

    /** For a subclass that reads its records itself ({@link #parse}); {@code subject} names a record in the log ("Result"). */
    protected EnvelopeConsumer(ShutdownState shutdown, String subject) {
        this(shutdown, subject, null, null, null);
    }

    /**
     * For a subclass whose records are envelopes of {@code type} with a {@code payloadClass} payload,
     * read by {@link #readTyped}; {@code subject} names a record in the log ("Mismatch"),
     * {@code topicName} the topic in a dead-letter reason ("mismatches").
     */
    protected EnvelopeConsumer(ShutdownState shutdown, String subject, String type, Class<T> payloadClass, String topicName) {
        this.shutdown = shutdown;
        this.subject = subject;
        this.type = type;
        this.payloadClass = payloadClass;
        this.topicName = topicName;
    }

    /**
     * The valid envelope of a record; throws (an {@link IllegalArgumentException} with the dead-letter
     * reason) when it is not one. By default an envelope of the type and payload class given to the constructor.
     */
    protected Envelope<T> parse(String json) {
        if (payloadClass == null) {
            throw new IllegalStateException(getClass().getName() + " names no envelope type: it must override parse");
        }
        return readTyped(json, type, payloadClass, topicName);
    }

    /** Applies a valid envelope; a failure is classified by {@link FailureKind#of}. */
    protected abstract void apply(Envelope<T> envelope);

    /** How often a transient failure is tried in place before the record is dead-lettered; default 1 (no retry). */
    protected int attempts() {
        return 1;
    }

    /**
     * How long a record whose failure says a dependency is away is tried again before it is
     * dead-lettered; default {@link #DEPENDENCY_HOLD}. A consumer whose {@link #apply} already waits
     * for its database itself answers {@link Duration#ZERO}, so the two waits do not add up.
     */
    protected Duration dependencyHold() {
        return DEPENDENCY_HOLD;
    }

    /** The attempt reported on the dead letter ({@code DeadLetterHeaders.ATTEMPT}); default the attempts made here. */
    protected int deadLetterAttempt(Envelope<T> envelope, int attemptsMade) {
        return attemptsMade;
    }

    /** The reason a failure to apply gives on the dead letter; default the failure itself. */
    protected Throwable deadLetterReason(RuntimeException failure) {
        return failure;
    }

    /** Reads, validates and applies one record, and acknowledges, dead-letters or holds it. */
    protected final CompletionStage<Void> consume(Message<String> message) {
        Envelope<T> envelope;
        try {
            envelope = parse(message.getPayload());
        } catch (RuntimeException invalid) {
            return DeadLetters.nack(message, invalid, 1);
        }
        Disposition done = applyInContext(message, envelope);
        return switch (done.kind()) {
            case APPLIED -> message.ack();
            case DEAD_LETTER -> DeadLetters.nack(message, done.reason(), done.attempt());
            case HELD -> CompletableFuture.completedFuture(null);
        };
    }

    /**
     * Reads, validates and applies a poll of records ({@code batch=true} on the channel), in their
     * order: consecutive records {@link #together} allows, up to {@link #groupSize()}, in one
     * {@link #applyTogether} (one transaction: a commit per group, not per record); the others alone,
     * as {@link #consume} would. A group that fails is applied again one record at a time, so only
     * the record at fault is retried or dead-lettered. A record that cannot be read, or whose failure
     * outlasts its retries, is dead-lettered on its own through {@code deadLetters}; the poll is
     * acknowledged once every record is applied or dead-lettered, and never nacked as a whole (that
     * would dead-letter every record in it). Our own shutdown, or a misconfiguration, leaves the poll
     * unacknowledged: it is redelivered, and the records applied before are recognised as applied
     * by the consumer's processed-message inbox.
     */
    protected final CompletionStage<Void> consumeBatch(KafkaRecordBatch<String, String> batch, DeadLetterPublisher deadLetters) {
        List<KafkaRecord<String, String>> groupRecords = new ArrayList<>();
        List<Envelope<T>> group = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch) {
            Envelope<T> envelope;
            try {
                envelope = parse(record.getPayload());
            } catch (RuntimeException invalid) {
                deadLetters.publish(record, invalid, 1);
                continue;
            }
            boolean together = together(envelope);
            if (together) {
                groupRecords.add(record);
                group.add(envelope);
                if (group.size() < groupSize()) {
                    continue;
                }
            }
            if (!appliedGroup(groupRecords, group, deadLetters)
                    || !together && handle(record, envelope, deadLetters) == Handled.HELD) {
                return pollLeft(batch);
            }
        }
        if (!appliedGroup(groupRecords, group, deadLetters)) {
            return pollLeft(batch);
        }
        return batch.ack();
    }

    /** Whether a record may be applied in one {@link #applyTogether} with its neighbours; default none. */
    protected boolean together(Envelope<T> envelope) {
        return false;
    }

    /** The most records applied together; default 100 (a commit per 100 records; locks held for one group). */
    protected int groupSize() {
        return 100;
    }

    /**
     * Applies {@code envelopes} (each allowed {@link #together}) in one new transaction, in their
     * order, the {@code i}-th inside {@code context.apply(i)} (its trace and log fields); throws, with
     * nothing of the group applied, when one fails. No retries: the caller applies them one by one then.
     */
    protected void applyTogether(List<Envelope<T>> envelopes, IntFunction<LogContext> context) {
        throw new UnsupportedOperationException(getClass().getName() + " applies no records together");
    }

    /** Applies a group together, or one by one when that fails; false when a record was held (shutdown, misconfiguration). */
    private boolean appliedGroup(List<KafkaRecord<String, String>> records, List<Envelope<T>> group, DeadLetterPublisher deadLetters) {
        try {
            if (group.isEmpty()) {
                return true;
            }
            if (group.size() > 1) {
                try {
                    applyTogether(List.copyOf(group),
                            i -> LogContext.open(TraceContext.ofRecord(records.get(i), group.get(i).traceparent()), group.get(i)));
                    return true;
                } catch (RuntimeException e) {
                    if (shutdown.shuttingDown()) {
                        return false;
                    }
                    Log.infof("%d %ss applied one by one: applying them together failed (%s)", group.size(), subject.toLowerCase(),
                            e.toString());
                }
            }
            for (int i = 0; i < group.size(); i++) {
                if (handle(records.get(i), group.get(i), deadLetters) == Handled.HELD) {
                    return false;
                }
            }
            return true;
        } finally {
            records.clear();
            group.clear();
        }
    }

    private CompletionStage<Void> pollLeft(KafkaRecordBatch<String, String> batch) {
        Log.infof("A poll of %d %ss left for redelivery", batch.getRecords().size(), subject.toLowerCase());
        return CompletableFuture.completedFuture(null);
    }

    /**
     * What became of one record of a batch-consumed channel, handled as {@link #consume} handles a
     * record: applied, or dead-lettered on its own through {@code deadLetters} (a batch is never
     * nacked: that would dead-letter every record in it), or held ({@link Handled#HELD}: our own
     * shutdown or a misconfiguration; the caller leaves the batch unacknowledged, for redelivery).
     */
    protected final Handled handle(Message<String> message, Envelope<T> envelope, DeadLetterPublisher deadLetters) {
        Disposition done = applyInContext(message, envelope);
        if (done.kind() == Disposition.Kind.DEAD_LETTER) {
            deadLetters.publish(message, done.reason(), done.attempt());
            return Handled.DEAD_LETTERED;
        }
        return done.kind() == Disposition.Kind.APPLIED ? Handled.APPLIED : Handled.HELD;
    }

    /** What became of a record handled as part of a batch. */
    protected enum Handled {
        APPLIED, DEAD_LETTERED, HELD
    }

    /** The end of one record's handling: applied, to be dead-lettered (with the reason and the attempts made), or held. */
    private record Disposition(Kind kind, Throwable reason, int attempt) {
        enum Kind {
            APPLIED, DEAD_LETTER, HELD
        }

        static final Disposition APPLIED = new Disposition(Kind.APPLIED, null, 0);
        static final Disposition HELD = new Disposition(Kind.HELD, null, 0);
    }

    private Disposition applyInContext(Message<String> message, Envelope<T> envelope) {
        try (LogContext context = LogContext.open(TraceContext.ofRecord(message, envelope.traceparent()), envelope)) {
            return applyWithRetries(envelope);
        }
    }

    private Disposition applyWithRetries(Envelope<T> envelope) {
        Instant firstAway = null;
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                apply(envelope);
                return Disposition.APPLIED;
            } catch (RuntimeException e) {
                if (shutdown.shuttingDown()) {
                    return leftForRedelivery(envelope);
                }
                FailureKind kind = FailureKind.of(e);
                if (kind == FailureKind.CONFIGURATION) {
                    Log.errorf("%s %s held, not dead-lettered: this instance is misconfigured (%s)", subject, envelope.eventId(), e.toString());
                    return Disposition.HELD;
                }
                if (FailureKind.dependencyAway(e)) {
                    Instant now = now();
                    firstAway = firstAway == null ? now : firstAway;
                    if (Duration.between(firstAway, now).plus(pause).compareTo(dependencyHold()) <= 0) {
                        Log.warnf("%s %s not applied, a dependency is away (attempt %d); tried again in %d ms: %s", subject,
                                envelope.eventId(), attempt, pause.toMillis(), e.toString());
                        if (!pause(pause)) {
                            return leftForRedelivery(envelope);
                        }
                        Duration doubled = pause.multipliedBy(2);
                        pause = doubled.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : doubled;
                        continue;
                    }
                } else if (kind == FailureKind.TRANSIENT && attempt < attempts()) {
                    Log.infof("%s %s failed for a passing reason (attempt %d), applied again: %s", subject, envelope.eventId(), attempt,
                            e.toString());
                    continue;
                }
                return new Disposition(Disposition.Kind.DEAD_LETTER, deadLetterReason(e), deadLetterAttempt(envelope, attempt));
            }
        }
    }

    private Disposition leftForRedelivery(Envelope<T> envelope) {
        Log.infof("%s %s left for redelivery: shutting down", subject, envelope.eventId());
        return Disposition.HELD;
    }

    /** The time a dependency's absence is measured by; a test moves it. */
    protected Instant now() {
        return Instant.now();
    }

    /** Waits before the next attempt; false when this instance began to shut down meanwhile (the record is left then). */
    protected boolean pause(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        try {
            for (long left = pause.toNanos(); left > 0; left = until - System.nanoTime()) {
                if (shutdown.shuttingDown()) {
                    return false;
                }
                Thread.sleep(Math.max(1, Math.min(200, left / 1_000_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return !shutdown.shuttingDown();
    }

    /**
     * Reads a record as an envelope of {@code type} whose payload is a {@code payloadClass}: the
     * envelope is validated and its type checked on the tree before the payload is bound. Throws
     * with the dead-letter reason ({@code DeadLetterHeaders.REASON_INVALID_EVENT} ...).
     */
    protected static <P> Envelope<P> readTyped(String json, String type, Class<P> payloadClass, String topicName) {
        Envelope<JsonNode> tree = Json.readEnvelopeTree(json.getBytes(StandardCharsets.UTF_8));
        var violations = tree.validate();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + violations);
        }
        if (!tree.is(type)) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + "type " + tree.type() + " on the " + topicName + " topic");
        }
        return Json.payloadAs(tree, payloadClass);
    }
}
