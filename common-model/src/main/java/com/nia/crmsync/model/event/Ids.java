package com.nia.crmsync.model.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

import com.nia.crmsync.model.entity.EntityType;

/**
 * Identifiers of the contract, and the deterministic ones that make redelivery harmless.
 *
 * <p>Deterministic ids are name-based UUIDs (RFC 9562 version 5, SHA-1) in a namespace of their
 * own per purpose: the same inputs always give the same id, on any machine, so a consumer's
 * processed-message table recognises a message that a redelivered command produced a second time.
 */
public final class Ids {

    /** Namespace of result event ids. Fixed forever: changing it breaks deduplication across a deploy. */
    static final UUID RESULT_NAMESPACE = UUID.fromString("6f1c2a44-8d1e-4a51-9b0e-2b7d3f0c9a01");
    /** Namespace of mismatch event ids. */
    static final UUID MISMATCH_NAMESPACE = UUID.fromString("0b5e3c7a-41f2-4d8a-8c6e-95d1a7e4b302");
    /** Namespace of Creatio ids allocated for NIA records. */
    static final UUID CREATIO_ID_NAMESPACE = UUID.fromString("c4a9e210-5b73-4f0e-a1d8-7e6b2c9f0d03");
    /** Namespace of ids derived from another system's key (a meeting id, an action item id). */
    static final UUID EXTERNAL_NAMESPACE = UUID.fromString("9d2f7b18-3c64-4e95-b7a0-1f8e5d6c4a04");

    private Ids() {
    }

    /** A fresh random id (version 4): event ids, command ids, request ids. */
    public static UUID random() {
        return UUID.randomUUID();
    }

    /**
     * The event id of the result of one attempt of a command. A command delivered twice produces
     * two results with this same id, and the second is dropped by the consumer's message log; a
     * genuine retry (attempt + 1) is a new result.
     */
    public static UUID resultEventId(UUID commandId, int attempt) {
        return nameBased(RESULT_NAMESPACE, commandId + "/" + attempt);
    }

    /** The event id of the mismatch found on {@code field} by one attempt of a command. */
    public static UUID mismatchEventId(UUID commandId, int attempt, String field) {
        return nameBased(MISMATCH_NAMESPACE, commandId + "/" + attempt + "/" + (field == null ? "" : field));
    }

    /**
     * A Creatio {@code Id} for an NIA record that does not exist in Creatio yet. Derived from the
     * record, so even a planner that lost its state allocates the same id again and a create can
     * never make a duplicate. Callers store it in the sync state before the first attempt.
     */
    public static UUID creatioIdFor(EntityType entityType, UUID localId) {
        return nameBased(CREATIO_ID_NAMESPACE, entityType.wire() + ":" + localId);
    }

    /**
     * A stable NIA id for a record that another system names by its own key, e.g. the meeting
     * activity of meeting {@code m-42} or the task of action item {@code ai-7}.
     */
    public static UUID localIdFor(EntityType entityType, String externalKey) {
        return nameBased(EXTERNAL_NAMESPACE, entityType.wire() + ":" + externalKey);
    }

    /** The namespace of the run ids of resync requests. */
    public static final UUID RESYNC_RUN_NAMESPACE = UUID.fromString("4f7b5d8e-93a1-4c52-b7e0-2d61c3a9f014");

    /**
     * The id of the run a resync request becomes: the UUID v5 of {@code resync/<eventId>} in
     * {@link #RESYNC_RUN_NAMESPACE}, so the publisher knows where to follow it before sending.
     */
    public static UUID resyncRunId(UUID eventId) {
        return nameBased(RESYNC_RUN_NAMESPACE, "resync/" + eventId);
    }

    /** A version-5 (SHA-1) name-based UUID of {@code name} in {@code namespace}. */
    public static UUID nameBased(UUID namespace, String name) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
        ByteBuffer ns = ByteBuffer.allocate(16);
        ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
        sha1.update(ns.array());
        byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50); // version 5
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80); // IETF variant
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
