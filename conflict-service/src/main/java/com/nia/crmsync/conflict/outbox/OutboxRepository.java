package com.nia.crmsync.conflict.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepository;

/** The outbox table. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepository<OutboxEvent> {

    /** An arbitrary constant naming the relay's advisory lock (not sync-api's: another schema, another relay). */
    private static final long RELAY_LOCK = 0x4e49_4143_4f42L;

    /**
     * Takes the relay's transaction-scoped advisory lock; false when another replica holds it.
     * One relay at a time keeps the publication order equal to the commit order of each key.
     */
    public boolean tryRelayLock() {
        Object locked = getEntityManager()
                .createNativeQuery("SELECT pg_try_advisory_xact_lock(" + RELAY_LOCK + ")")
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
