package com.nia.crmsync.model.merge;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The canonical form of a field value, so that the same fact written by NIA and by Creatio compares
 * equal. Creatio has no nulls (an empty lookup is the zero GUID, an empty text {@code ""}, an empty
 * date {@code 0001-01-01T00:00:00Z}); NIA uses null: all of them become {@code null}. Numbers become
 * plain decimals without trailing zeros ({@code 50000.00} and {@code 50000} agree, whether Creatio
 * sent a number or, under {@code IEEE754Compatible=true}, a string); GUIDs are lower case; date-times
 * are UTC instants truncated to microseconds (Creatio keeps 7 fractional digits, PostgreSQL 6);
 * text is kept exactly as written.
 */
public final class CanonicalValues {

    /** Creatio's empty lookup. */
    public static final String ZERO_GUID = "00000000-0000-0000-0000-000000000000";
    /** Creatio's empty date. */
    public static final Instant CREATIO_EMPTY_DATE = Instant.parse("0001-01-01T00:00:00Z");

    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})");

    private CanonicalValues() {
    }

    /**
     * The canonical value: {@code null}, a {@link String}, a {@link BigDecimal}, a {@link Boolean}
     * or an {@link Instant}. Text that looks like a GUID or an ISO date-time is read as one.
     */
    public static Object canonical(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Boolean) {
            return value;
        }
        if (value instanceof BigDecimal d) {
            return decimal(d);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return decimal(BigDecimal.valueOf(((Number) value).longValue()));
        }
        if (value instanceof BigInteger i) {
            return decimal(new BigDecimal(i));
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("Not a finite number: " + value);
            }
            // through the shortest decimal text, so 0.1 stays 0.1 and not 0.1000000000000000055...
            return decimal(new BigDecimal(Double.toString(d)));
        }
        if (value instanceof UUID u) {
            return guid(u.toString());
        }
        if (value instanceof Instant t) {
            return instant(t);
        }
        if (value instanceof OffsetDateTime t) {
            return instant(t.toInstant());
        }
        if (value instanceof CharSequence cs) {
            return text(cs.toString());
        }
        throw new IllegalArgumentException("Not a scalar field value: " + value.getClass().getName());
    }

    /** A map of canonical values, sorted by key, without the entries whose value is empty. */
    public static Map<String, Object> canonical(Map<String, ?> values) {
        TreeMap<String, Object> out = new TreeMap<>();
        if (values != null) {
            values.forEach((k, v) -> {
                Object c = canonical(v);
                if (c != null) {
                    out.put(k, c);
                }
            });
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * Whether two values are the same fact. A number and a numeric text agree when their values do:
     * Creatio sends Money columns as strings under {@code IEEE754Compatible=true}.
     */
    public static boolean same(Object a, Object b) {
        Object ca = canonical(a);
        Object cb = canonical(b);
        if (ca == null || cb == null) {
            return ca == cb;
        }
        if (ca.equals(cb)) {
            return true;
        }
        if (ca instanceof BigDecimal da && cb instanceof String sb) {
            return numericEquals(da, sb);
        }
        if (cb instanceof BigDecimal db && ca instanceof String sa) {
            return numericEquals(db, sa);
        }
        return false;
    }

    private static boolean numericEquals(BigDecimal d, String s) {
        try {
            return d.compareTo(new BigDecimal(s.trim())) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The canonical value as text for hashing and display ({@code null} for empty). */
    public static String asText(Object canonical) {
        if (canonical == null) {
            return null;
        }
        if (canonical instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return canonical.toString();
    }

    private static Object text(String s) {
        if (s.isEmpty()) {
            return null;
        }
        if (s.length() == 36 && GUID.matcher(s).matches()) {
            return guid(s);
        }
        if (s.length() >= 16 && s.length() <= 40 && DATE_TIME.matcher(s).matches()) {
            try {
                return instant(OffsetDateTime.parse(s).toInstant());
            } catch (DateTimeParseException e) {
                return s;
            }
        }
        return s;
    }

    private static Object guid(String s) {
        String lower = s.toLowerCase(java.util.Locale.ROOT);
        return ZERO_GUID.equals(lower) ? null : lower;
    }

    private static Object instant(Instant t) {
        return CREATIO_EMPTY_DATE.equals(t) ? null : t.truncatedTo(ChronoUnit.MICROS);
    }

    private static BigDecimal decimal(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }
}
