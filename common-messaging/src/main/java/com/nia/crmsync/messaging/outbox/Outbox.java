package com.nia.crmsync.messaging.outbox;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import com.nia.crmsync.messaging.TraceContext;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;

/**
 * Writes messages into the outbox inside the caller's transaction: a change and the commands it
 * causes are committed together or not at all, and nothing is published for a rolled-back change.
 * Each row keeps the trace context of the transaction that wrote it ({@code traceparent}), which
 * the relay continues when it publishes, and an envelope without one carries it too.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final Event<OutboxWritten> written;
    private final Optional<Set<String>> topics;

    public Outbox(OutboxRepository repository, Event<OutboxWritten> written, OutboxConfig config) {
        this.repository = repository;
        this.written = written;
        this.topics = config.topics();
    }

    /**
     * Queues an envelope for a topic, keyed by its aggregate id (the Kafka key: per-entity order);
     * an envelope without a {@code traceparent} gets the current one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String topic, Envelope<?> envelope) {
        Envelope<?> traced = envelope.traceparent() == null ? envelope.withTraceparent(TraceContext.currentTraceparent()) : envelope;
        enqueue(topic, traced.aggregateId(), Json.write(traced), Map.of());
    }

    /** Queues a message with its key and headers; the topic must be one of {@code crm-sync.outbox.topics}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String topic, String key, String payload, Map<String, String> headers) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Every message needs a key");
        }
        if (topics.isPresent() && !topics.get().contains(topic)) {
            throw new IllegalArgumentException("Topic " + topic + " is not in crm-sync.outbox.topics " + topics.get());
        }
        OutboxEvent event = new OutboxEvent();
        event.topic = topic;
        event.messageKey = key;
        event.payload = payload;
        event.headers.putAll(headers);
        event.traceparent = TraceContext.currentTraceparent();
        repository.persist(event);
        // observed after the commit: the relay publishes at once instead of at its next tick
        written.fire(OutboxWritten.INSTANCE);
    }
}
