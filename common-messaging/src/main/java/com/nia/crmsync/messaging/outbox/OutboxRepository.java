package com.nia.crmsync.messaging.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** The outbox table ({@code outbox_event}, created by {@code db/messaging}). */
@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

    private final long relayLock;

    public OutboxRepository(OutboxConfig config) {
        // checked at startup by the relay; 0 only stands in until then
        this.relayLock = config.lockKey().orElse(0);
    }

    /**
     * Takes the relay's transaction-scoped advisory lock; false when another replica holds it.
     * One relay at a time keeps the publication order equal to the commit order of each key.
     */
    public boolean tryRelayLock() {
        Object locked = getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, relayLock)
                .getSingleResult();
        return Boolean.TRUE.equals(locked);
    }

    /** The oldest waiting messages, at most {@code limit}. */
    public List<OutboxEvent> oldest(int limit) {
        return find("order by id").page(0, limit).list();
    }

    /** Deletes the published messages. */
    public void deleteAll(List<OutboxEvent> published) {
        delete("id in ?1", published.stream().map(e -> e.id).toList());
    }
}
