package com.nia.crmsync.conflict.outbox;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;

/**
 * Writes messages into the outbox inside the caller's transaction: a decision and the
 * {@code ResolveCommand} it causes are committed together or not at all, and nothing is published
 * for a rolled-back decision. A copy of sync-api's outbox (same table shape, same relay): moving it
 * into a shared module would need Panache in {@code common-messaging} and a change to sync-api.
 */
@ApplicationScoped
public class Outbox {

    private final OutboxRepository repository;
    private final Event<OutboxWritten> written;

    public Outbox(OutboxRepository repository, Event<OutboxWritten> written) {
        this.repository = repository;
        this.written = written;
    }

    /** Queues an envelope for a topic, keyed by its aggregate id (the Kafka key: per-entity order). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String topic, Envelope<?> envelope) {
        enqueue(topic, envelope.aggregateId(), Json.write(envelope), Map.of());
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(String topic, String key, String payload, Map<String, String> headers) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Every message needs a key");
        }
        OutboxEvent event = new OutboxEvent();
        event.topic = topic;
        event.messageKey = key;
        event.payload = payload;
        event.headers.putAll(headers);
        repository.persist(event);
        // observed after the commit: the relay publishes at once instead of at its next tick
        written.fire(OutboxWritten.INSTANCE);
    }
}
