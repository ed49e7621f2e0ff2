package com.nia.crmsync.messaging.inbox;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The processed-message inbox of idempotent consumers ({@code processed_message}, created by
 * {@code db/messaging}): an event is applied only when its id is recorded here for the first time,
 * in the same transaction as its effect. {@link ProcessedMessagesRetention} forgets old ids.
 */
@ApplicationScoped
public class ProcessedMessages {

    private final EntityManager em;

    public ProcessedMessages(EntityManager em) {
        this.em = em;
    }

    /** Records the event for the consumer; false when it was already processed (a redelivery). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean firstTime(String consumer, UUID eventId) {
        int inserted = em.createNativeQuery(
                "INSERT INTO processed_message (consumer, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }

    /**
     * Forgets that the consumer processed the event, so that the event is applied when it comes
     * again: for a replayed command whose result carries the same event id as the result of the
     * attempt that was dead-lettered.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(String consumer, UUID eventId) {
        em.createNativeQuery("DELETE FROM processed_message WHERE consumer = ?1 AND event_id = ?2")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
    }
}
