package com.nia.crmsync.model.merge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The hash of one side of a record: SHA-256 over its canonical values, sorted by field, empty
 * values left out. Two snapshots that mean the same facts have the same hash whatever their key
 * order, number formatting, GUID case or empty-value convention; change detection compares it with
 * the hash stored in the base.
 */
public final class CanonicalHash {

    private CanonicalHash() {
    }

    /** The hex SHA-256 of the canonical form of {@code values}. */
    public static String of(Map<String, ?> values) {
        MessageDigest digest = sha256();
        for (Map.Entry<String, Object> e : CanonicalValues.canonical(values).entrySet()) {
            Object v = e.getValue();
            // a type tag keeps the text "1" apart from the number 1 and "true" from true
            String tagged = typeTag(v) + CanonicalValues.asText(v);
            update(digest, e.getKey());
            update(digest, tagged);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static char typeTag(Object v) {
        if (v instanceof java.math.BigDecimal) {
            return 'n';
        }
        if (v instanceof Boolean) {
            return 'b';
        }
        if (v instanceof java.time.Instant) {
            return 't';
        }
        return 's';
    }

    private static void update(MessageDigest digest, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        // length-prefixed, so ("ab","c") and ("a","bc") differ
        digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
