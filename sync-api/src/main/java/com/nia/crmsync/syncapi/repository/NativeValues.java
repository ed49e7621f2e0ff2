package com.nia.crmsync.syncapi.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Reads the columns of native query rows: the JDBC driver and Hibernate hand back a
 * {@code timestamptz} as {@link Timestamp}, {@link OffsetDateTime} or {@link Instant}, and a
 * {@code uuid} as {@link UUID} or text, depending on the query; these accept each.
 */
public final class NativeValues {

    private NativeValues() {
    }

    /** A {@code timestamptz} column; null stays null. */
    public static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + value.getClass());
    }

    /** A {@code uuid} column; null stays null. */
    public static UUID uuid(Object value) {
        return value == null ? null : value instanceof UUID u ? u : UUID.fromString(value.toString());
    }

    /** A numeric column as a long; null is 0. */
    public static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
