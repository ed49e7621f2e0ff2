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

    private final IdempotencyKeyRepository keys;

    public IdempotencyKeys(IdempotencyKeyRepository keys) {
        this.keys = keys;
    }

    /** The resource an earlier call with this key created, if any; 422 when the key came with another body. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<UUID> earlier(String scope, String key, Object body) {
        if (key == null) {
            return Optional.empty();
        }
        validate(key);
        // serialises concurrent calls with the same key: the second waits for the first's commit
        keys.lock(scope, key);
        Optional<IdempotencyKeyRepository.Spent> spent = keys.find(scope, key);
        if (spent.isEmpty()) {
            return Optional.empty();
        }
        if (!spent.get().requestHash().equals(hash(body))) {
            throw new ProblemException(422, "Idempotency-Key reused",
                    "This Idempotency-Key was used with another request body", List.of());
        }
        return Optional.of(spent.get().resourceId());
    }

    /** Records what the call with this key created, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(String scope, String key, Object body, UUID resourceId) {
        if (key == null) {
            return;
        }
        keys.insert(scope, key, hash(body), resourceId);
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
