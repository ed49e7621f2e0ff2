package com.nia.crmsync.syncapi.service;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * {@code idempotency_key}: per scope and key, the hash of the request that spent it and the
 * resource it created. Native SQL for the advisory lock that serialises calls with one key.
 */
@ApplicationScoped
public class IdempotencyKeyRepository {

    /** What the first call with a key sent (its body's hash) and created. */
    public record Spent(String requestHash, UUID resourceId) {
    }

    private final EntityManager em;

    public IdempotencyKeyRepository(EntityManager em) {
        this.em = em;
    }

    /** Waits for, then holds until the transaction ends, the lock of one scope and key. */
    public void lock(String scope, String key) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, scope + "/" + key).getSingleResult();
    }

    /** What the key was spent on, if it was. */
    public Optional<Spent> find(String scope, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, resource_id FROM idempotency_key WHERE scope = ?1 AND idem_key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        return rows.stream().findFirst().map(r -> new Spent((String) r[0], (UUID) r[1]));
    }

    /** Records what the key was spent on. */
    public void insert(String scope, String key, String requestHash, UUID resourceId) {
        em.createNativeQuery("INSERT INTO idempotency_key (scope, idem_key, request_hash, resource_id) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, requestHash).setParameter(4, resourceId)
                .executeUpdate();
    }
}
