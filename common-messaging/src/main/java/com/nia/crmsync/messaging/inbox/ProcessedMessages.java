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
}
