package com.nia.crmsync.syncapi.service;

import static java.net.HttpURLConnection.HTTP_BAD_REQUEST;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * {@code Idempotency-Key} for creating calls: the first call with a key records what it created;
 * a repeat with the same key and the same body gets the same resource back (nothing is created
 * twice); a repeat with another body is refused (422), since the key was already spent.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private final EntityManager em;

    public IdempotencyKeys(EntityManager em) {
        this.em = em;
    }

    /** The resource an earlier call with this key created, if any; 422 when the key came with another body. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> earlier(String scope, String key, Object body) {
        if (key == null) {
            return Optional.empty();
        }
        validate(key);
        // serialises concurrent calls with the same key: the second waits for the first's commit
        em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))").setParameter(1, scope + "/" + key).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT request_hash, resource_id FROM idempotency_key WHERE scope = ?1 AND idem_key = ?2")
                .setParameter(1, scope).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!rows.get(0)[0].equals(hash(body))) {
            throw new ProblemException(422, "Idempotency-Key reused",
                    "This Idempotency-Key was used with another request body", List.of());
        }
        return Optional.of((UUID) rows.get(0)[1]);
    }

    /** Records what the call with this key created, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String scope, String key, Object body, UUID resourceId) {
        if (key == null) {
            return;
        }
        em.createNativeQuery("INSERT INTO idempotency_key (scope, idem_key, request_hash, resource_id) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, scope).setParameter(2, key).setParameter(3, hash(body)).setParameter(4, resourceId)
                .executeUpdate();
    }

    private static void validate(String key) {
        if (key.isBlank() || key.length() > 200) {
            throw new ProblemException(HTTP_BAD_REQUEST, "Invalid Idempotency-Key",
                    "The Idempotency-Key header must hold 1 to 200 characters", List.of());
        }
    }

    private static String hash(Object body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Json.write(body).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
