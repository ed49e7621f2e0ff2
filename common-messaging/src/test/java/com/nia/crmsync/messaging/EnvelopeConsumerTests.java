package com.nia.crmsync.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.exception.JDBCConnectionException;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.LogFields;
import com.nia.crmsync.model.json.Json;

/** What the consumer skeleton does with each kind of record and failure. */
class EnvelopeConsumerTests {

    private final ShutdownState shutdown = new ShutdownState();
    private final TestConsumer consumer = new TestConsumer(shutdown);

    @Test
    void acknowledgesARecordItApplied() {
        Outcome outcome = consume("good");

        assertThat(outcome.acked).isTrue();
        assertThat(outcome.nacked.get()).isNull();
        assertThat(consumer.applied).hasValue(1);
    }

    @Test
    void appliesARecordInsideItsTraceWithItsIdsInTheLogContextAndClearsThemAfter() {
        consumer.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        consume("good");

        assertThat(consumer.traceIdSeen).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(consumer.mdcSeen).containsEntry(LogFields.TRACE_ID, "4bf92f3577b34da6a3ce929d0e0e4736")
                .containsEntry(LogFields.ENTITY_KEY, "key-1").containsKey(LogFields.CORRELATION_ID);
        assertThat(MDC.getMap()).doesNotContainKeys(LogFields.TRACE_ID, LogFields.CORRELATION_ID, LogFields.ENTITY_KEY,
                LogFields.RUN_ID);
        assertThat(Span.current().getSpanContext().isValid()).isFalse();
    }

    @Test
    void deadLettersAnUnreadableRecordWithTheReasonAtTheFirstAttemptWithoutApplyingIt() {
        Outcome outcome = consume("bad");

        assertThat(outcome.nacked.get()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(DeadLetterHeaders.REASON_INVALID_EVENT + "bad");
        assertThat(outcome.attempt()).isEqualTo("1");
        assertThat(consumer.applied).hasValue(0);
    }

    @Test
    void deadLettersAMessageFailureAtOnce() {
        consumer.failures.add(new IllegalStateException("no such lead"));

        Outcome outcome = consume("good");

        assertThat(outcome.nacked.get()).hasMessage("no such lead");
        assertThat(outcome.attempt()).isEqualTo("1");
        assertThat(consumer.applied).hasValue(1);
    }

    @Test
    void triesATransientFailureAgainUpToTheAttemptsThenDeadLettersWithTheAttemptsMade() {
        consumer.attempts = 3;
        for (int i = 0; i < 3; i++) {
            consumer.failures.add(new RuntimeException(new SQLException("deadlock", "40P01")));
        }

        Outcome outcome = consume("good");

        assertThat(consumer.applied).hasValue(3);
        assertThat(outcome.nacked.get()).hasRootCauseMessage("deadlock");
        assertThat(outcome.attempt()).isEqualTo("3");
    }

    @Test
    void aTransientFailureThatPassesIsAcknowledged() {
        consumer.attempts = 3;
        consumer.failures.add(new RuntimeException(new SQLException("lost", "08006")));

        Outcome outcome = consume("good");

        assertThat(outcome.acked).isTrue();
        assertThat(consumer.applied).hasValue(2);
    }

    @Test
    void doesNotRetryATransientFailureByDefault() {
        consumer.failures.add(new RuntimeException(new SQLException("deadlock", "40P01")));

        Outcome outcome = consume("good");

        assertThat(consumer.applied).hasValue(1);
        assertThat(outcome.nacked.get()).isNotNull();
    }

    @Test
    void waitsForADependencyThatIsAwayWithBackOffAndAppliesTheRecordOnceItIsBack() {
        // a PostgreSQL restart as the long chaos run met it: refused, then starting up, then back
        for (int i = 0; i < 4; i++) {
            consumer.failures.add(new JDBCConnectionException("Unable to acquire JDBC Connection", new SQLException("refused", "08001")));
        }
        consumer.failures.add(new RuntimeException(new SQLException("the database system is starting up", "57P03")));

        Outcome outcome = consume("good");

        assertThat(outcome.acked).isTrue();
        assertThat(outcome.nacked.get()).isNull();
        assertThat(consumer.applied).hasValue(6);
        assertThat(consumer.pauses).containsExactly(100L, 200L, 400L, 800L, 1600L);
    }

    @Test
    void aDependencyAwayForLongerThanTheHoldDeadLettersTheRecordWithTheFailureAfterWaitingNoLonger() {
        consumer.hold = Duration.ofSeconds(20);
        for (int i = 0; i < 100; i++) {
            consumer.failures.add(new RuntimeException(new SQLException("lost", "08006")));
        }

        Outcome outcome = consume("good");

        assertThat(outcome.nacked.get()).hasRootCauseMessage("lost");
        // 100, 200, 400, 800, 1600, 3200 ms, then 5 s each while the whole wait stays within 20 s
        assertThat(consumer.pauses).containsExactly(100L, 200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
        assertThat(consumer.pauses.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(20_000L);
        assertThat(outcome.attempt()).isEqualTo("9");
    }

    @Test
    void aConsumerWhoseApplyWaitsItselfDoesNotWaitAgain() {
        consumer.hold = Duration.ZERO;
        consumer.failures.add(new RuntimeException(new SQLException("lost", "08006")));

        Outcome outcome = consume("good");

        assertThat(outcome.nacked.get()).hasRootCauseMessage("lost");
        assertThat(consumer.pauses).isEmpty();
    }

    @Test
    void aShutdownWhileWaitingForADependencyLeavesTheRecordForRedelivery() {
        consumer.shutdownAtPause = 2;
        for (int i = 0; i < 10; i++) {
            consumer.failures.add(new RuntimeException(new SQLException("lost", "08006")));
        }

        Outcome outcome = consume("good");

        assertThat(outcome.acked).isFalse();
        assertThat(outcome.nacked.get()).isNull();
        assertThat(consumer.applied).hasValue(2);
    }

    @Test
    void holdsARecordThatFailedBecauseOfThisInstancesConfiguration() {
        consumer.attempts = 3;
        consumer.failures.add(new MisconfigurationException("no mapping for Lead"));

        Outcome outcome = consume("good");

        assertThat(outcome.acked).isFalse();
        assertThat(outcome.nacked.get()).isNull();
        assertThat(consumer.applied).hasValue(1);
    }

    @Test
    void holdsARecordThatFailedDuringShutdown() {
        shutdown.onShutdown(new ShutdownEvent());
        consumer.failures.add(new IllegalStateException("connection pool closed"));

        Outcome outcome = consume("good");

        assertThat(outcome.acked).isFalse();
        assertThat(outcome.nacked.get()).isNull();
    }

    @Test
    void aSubclassNamesTheReasonAndTheAttemptOfItsDeadLetters() {
        consumer.reasonPrefix = "refused: ";
        consumer.reportedAttempt = 7;
        consumer.failures.add(new IllegalStateException("no"));

        Outcome outcome = consume("good");

        assertThat(outcome.nacked.get()).hasMessage("refused: no");
        assertThat(outcome.attempt()).isEqualTo("7");
    }

    @Test
    void countsAFirstDeadLetterAsAttemptOneAndAFailedReplayOneAboveItsReplays() {
        consumer.failures.add(new IllegalStateException("no such lead"));
        assertThat(consume("good").header(DeadLetterHeaders.DEAD_LETTER_ATTEMPT)).isEqualTo("1");

        consumer.failures.add(new IllegalStateException("no such lead"));
        assertThat(consume("good", "2").header(DeadLetterHeaders.DEAD_LETTER_ATTEMPT)).isEqualTo("3");

        assertThat(consume("bad", "1").header(DeadLetterHeaders.DEAD_LETTER_ATTEMPT)).isEqualTo("2");
    }

    @Test
    void readsATypedEnvelopeAndRefusesAnotherTypeOrAnInvalidEnvelope() {
        String config = Json.write(Envelope.create(EventTypes.CONFIGURATION, ConfigRecord.KEY,
                new ConfigRecord(4, Instant.now(), "test", DefaultConfiguration.create())));

        assertThat(EnvelopeConsumer.readTyped(config, EventTypes.CONFIGURATION, ConfigRecord.class, "config").payload().version())
                .isEqualTo(4);
        assertThatThrownBy(() -> EnvelopeConsumer.readTyped(config, EventTypes.SYNC_RESULT, ConfigRecord.class, "results"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(DeadLetterHeaders.REASON_INVALID_EVENT + "type " + EventTypes.CONFIGURATION + " on the results topic");
        assertThatThrownBy(() -> EnvelopeConsumer.readTyped(config.replace("\"eventId\"", "\"eventIdx\""), EventTypes.CONFIGURATION,
                ConfigRecord.class, "config"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(DeadLetterHeaders.REASON_INVALID_EVENT);
        assertThatThrownBy(() -> EnvelopeConsumer.readTyped("{not json", EventTypes.CONFIGURATION, ConfigRecord.class, "config"))
                .isInstanceOf(RuntimeException.class);
    }

    private Outcome consume(String payload) {
        return consume(payload, null);
    }

    /** Consumes a record as Kafka delivers it, with the replay-attempt header when {@code replayAttempt} is given. */
    private Outcome consume(String payload, String replayAttempt) {
        Outcome outcome = new Outcome();
        ConsumerRecord<String, String> record = new ConsumerRecord<>("topic", 0, 0L, "key-1", payload);
        if (replayAttempt != null) {
            record.headers().add(DeadLetterHeaders.REPLAY_ATTEMPT, replayAttempt.getBytes(StandardCharsets.UTF_8));
        }
        Message<String> message = Message.of(payload, Metadata.of(new IncomingKafkaRecordMetadata<>(record, "channel")))
                .withAck(() -> {
                    outcome.acked = true;
                    return CompletableFuture.completedFuture(null);
                })
                .withNackWithMetadata((reason, metadata) -> {
                    outcome.nacked.set(reason);
                    outcome.metadata.set(metadata);
                    return CompletableFuture.completedFuture(null);
                });
        consumer.consume(message).toCompletableFuture().join();
        return outcome;
    }

    /** What became of one record. */
    private static final class Outcome {
        boolean acked;
        final AtomicReference<Throwable> nacked = new AtomicReference<>();
        final AtomicReference<Metadata> metadata = new AtomicReference<>();

        String attempt() {
            return header(DeadLetterHeaders.ATTEMPT);
        }

        String header(String name) {
            OutgoingKafkaRecordMetadata<?> kafka = metadata.get().get(OutgoingKafkaRecordMetadata.class).orElseThrow();
            return new String(kafka.getHeaders().lastHeader(name).value(), StandardCharsets.UTF_8);
        }
    }

    /** Reads "good" as a valid envelope and anything else as invalid; fails as told. */
    private static final class TestConsumer extends EnvelopeConsumer<String> {
        final Deque<RuntimeException> failures = new ArrayDeque<>();
        final AtomicInteger applied = new AtomicInteger();
        int attempts = 1;
        String traceparent;
        String traceIdSeen;
        Map<String, Object> mdcSeen;
        String reasonPrefix;
        Integer reportedAttempt;
        Duration hold = EnvelopeConsumer.DEPENDENCY_HOLD;
        /** The pauses asked for, in ms: the test clock moves by each instead of sleeping. */
        final List<Long> pauses = new ArrayList<>();
        Instant clock = Instant.parse("2026-12-07T21:00:00Z");
        int shutdownAtPause = -1;
        private final ShutdownState state;

        TestConsumer(ShutdownState shutdown) {
            super(shutdown, "Test record");
            this.state = shutdown;
        }

        @Override
        protected Duration dependencyHold() {
            return hold;
        }

        @Override
        protected Instant now() {
            return clock;
        }

        @Override
        protected boolean pause(Duration pause) {
            pauses.add(pause.toMillis());
            clock = clock.plus(pause);
            if (pauses.size() == shutdownAtPause) {
                state.onShutdown(new ShutdownEvent());
                return false;
            }
            return true;
        }

        @Override
        protected Envelope<String> parse(String json) {
            if (!"good".equals(json)) {
                throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + json);
            }
            return Envelope.create(EventTypes.CONFIGURATION, "key-1", json).withTraceparent(traceparent);
        }

        @Override
        protected void apply(Envelope<String> envelope) {
            applied.incrementAndGet();
            traceIdSeen = Span.current().getSpanContext().getTraceId();
            mdcSeen = new HashMap<>(MDC.getMap());
            RuntimeException failure = failures.poll();
            if (failure != null) {
                throw failure;
            }
        }

        @Override
        protected int attempts() {
            return attempts;
        }

        @Override
        protected int deadLetterAttempt(Envelope<String> envelope, int attemptsMade) {
            return reportedAttempt != null ? reportedAttempt : attemptsMade;
        }

        @Override
        protected Throwable deadLetterReason(RuntimeException failure) {
            return reasonPrefix == null ? failure : new IllegalArgumentException(reasonPrefix + failure.getMessage());
        }
    }
}
