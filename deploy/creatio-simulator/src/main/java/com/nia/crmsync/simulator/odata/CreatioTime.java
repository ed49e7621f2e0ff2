package com.nia.crmsync.simulator.odata;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Creatio's datetime wire format: UTC with {@code Z}, 100-ns precision (up to 7 fractional digits,
 * trailing zeros trimmed: {@code 2024-09-16T07:46:44.5045174Z}), and {@code 0001-01-01T00:00:00Z}
 * for "empty".
 */
public final class CreatioTime {

    /** Creatio's empty datetime. */
    public static final Instant EMPTY = Instant.parse("0001-01-01T00:00:00Z");

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private CreatioTime() {
    }

    /** Cuts an instant to .NET's 100-ns tick, the precision Creatio stores. */
    public static Instant toTicks(Instant instant) {
        return instant.minusNanos(instant.getNano() % 100);
    }

    public static String format(Instant instant) {
        StringBuilder text = new StringBuilder(28).append(SECONDS.format(instant));
        int ticks = instant.getNano() / 100;
        if (ticks != 0) {
            String digits = String.format("%07d", ticks);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(digits, 0, end);
        }
        return text.append('Z').toString();
    }

    /** Parses an ISO-8601 datetime (offset required) or a date (midnight UTC); {@code null} if neither. */
    public static Instant parseOrNull(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notADateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }
}
