package com.nia.crmsync.model.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.model.validation.Violation;

/**
 * The wrapper of every message on every topic (except the dead-letter topic, which keeps the
 * original bytes). Identity, type and tracing live here so that consumers can deduplicate, route
 * and trace without understanding the payload.
 *
 * @param eventId       unique per message; the consumer's idempotency key. Deterministic for
 *                      results and mismatches (see {@link Ids}), random otherwise
 * @param type          what the payload is, one of {@link EventTypes}
 * @param schemaVersion the payload's schema version (additive evolution)
 * @param aggregateId   the Kafka key: the entity key, meeting id, request id or config key
 * @param correlationId the id shared by everything one trigger caused (a run, a meeting, a request)
 * @param causationId   the {@code eventId} of the message that caused this one; absent at the root
 * @param traceparent   W3C trace context of the producer, so a trace crosses Kafka
 * @param occurredAt    when the producer created the message (UTC)
 * @param payload       the type-specific body
 * @param <T>           the payload type
 */
public record Envelope<T>(
        UUID eventId,
        String type,
        int schemaVersion,
        String aggregateId,
        UUID correlationId,
        UUID causationId,
        String traceparent,
        Instant occurredAt,
        T payload) {

    /**
     * A root message: a new random event id that is also the correlation id, no cause, the
     * current schema version of {@code type}, stamped now.
     */
    public static <T> Envelope<T> create(String type, String aggregateId, T payload) {
        UUID id = Ids.random();
        return new Envelope<>(id, type, EventTypes.schemaVersion(type), aggregateId, id, null, null,
                Instant.now(), payload);
    }

    /**
     * A message caused by {@code cause}: it inherits the correlation id and trace context, and
     * names {@code cause} as its cause.
     */
    public static <T> Envelope<T> causedBy(Envelope<?> cause, UUID eventId, String type, String aggregateId,
            T payload) {
        return new Envelope<>(eventId, type, EventTypes.schemaVersion(type), aggregateId, cause.correlationId(),
                cause.eventId(), cause.traceparent(), Instant.now(), payload);
    }

    /** A command, keyed by its entity, correlated with {@code correlationId} (a run, a meeting, a request). */
    public static <C extends Command> Envelope<C> command(C command, UUID correlationId) {
        String type = command instanceof ResolveCommand
                ? EventTypes.RESOLVE_COMMAND
                : EventTypes.SYNC_COMMAND;
        return new Envelope<>(Ids.random(), type, EventTypes.schemaVersion(type), command.entity().kafkaKey(),
                correlationId, null, null, Instant.now(), command);
    }

    /**
     * The result of {@code command}, with the deterministic event id of its command id and
     * attempt, so that a redelivered command's result deduplicates downstream.
     */
    public static Envelope<SyncResult> result(Envelope<? extends Command> command, SyncResult result) {
        return causedBy(command, Ids.resultEventId(result.commandId(), result.attempt()), EventTypes.SYNC_RESULT,
                command.aggregateId(), result);
    }

    /**
     * A mismatch found while running {@code command}, with the deterministic event id of its
     * command id, attempt and field, so that finding it twice adds one conflict.
     */
    public static Envelope<Mismatch> mismatch(Envelope<? extends Command> command, Mismatch mismatch) {
        return causedBy(command, Ids.mismatchEventId(mismatch.commandId(), mismatch.attempt(), mismatch.field()),
                EventTypes.MISMATCH, command.aggregateId(), mismatch);
    }

    /** This envelope with another correlation id. */
    public Envelope<T> withCorrelationId(UUID id) {
        return new Envelope<>(eventId, type, schemaVersion, aggregateId, id, causationId, traceparent, occurredAt,
                payload);
    }

    /** This envelope with a trace context (W3C {@code traceparent}). */
    public Envelope<T> withTraceparent(String value) {
        return new Envelope<>(eventId, type, schemaVersion, aggregateId, correlationId, causationId, value,
                occurredAt, payload);
    }

    /** This envelope stamped at {@code time} (tests, replays). */
    public Envelope<T> withOccurredAt(Instant time) {
        return new Envelope<>(eventId, type, schemaVersion, aggregateId, correlationId, causationId, traceparent,
                time, payload);
    }

    /** This envelope with another payload of the same type (e.g. the next attempt of a command). */
    public Envelope<T> withPayload(T value) {
        return new Envelope<>(eventId, type, schemaVersion, aggregateId, correlationId, causationId, traceparent,
                occurredAt, value);
    }

    /** This envelope carrying {@code value}, of another payload type (e.g. a tree converted to a record). */
    public <U> Envelope<U> withPayloadOf(U value) {
        return new Envelope<>(eventId, type, schemaVersion, aggregateId, correlationId, causationId, traceparent,
                occurredAt, value);
    }

    /**
     * The envelope's own problems, as a consumer checks them before touching the payload: missing
     * identity, an unknown type, a schema version this build cannot read, no payload.
     */
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (eventId == null) {
            violations.add(Violation.missing("/eventId"));
        }
        if (type == null) {
            violations.add(Violation.missing("/type"));
        } else if (!EventTypes.isKnown(type)) {
            violations.add(new Violation("/type", "unknown event type '" + type + "'"));
        }
        if (type != null && EventTypes.isKnown(type) && !EventTypes.supports(type, schemaVersion)) {
            violations.add(new Violation("/schemaVersion", "unsupported schema version " + schemaVersion
                    + " of " + type + " (this build reads 1 to " + EventTypes.schemaVersion(type) + ")"));
        }
        if (aggregateId == null || aggregateId.isBlank()) {
            violations.add(Violation.missing("/aggregateId"));
        }
        if (occurredAt == null) {
            violations.add(Violation.missing("/occurredAt"));
        }
        if (payload == null) {
            violations.add(Violation.missing("/payload"));
        }
        return violations;
    }

    /** Whether this envelope carries {@code expectedType}; a guard for consumers of shared topics. */
    public boolean is(String expectedType) {
        return Objects.equals(type, expectedType);
    }
}
