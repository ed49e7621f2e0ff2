package com.nia.crmsync.web.list;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * Query parameters of the list endpoints: each parsed, each problem collected under the
 * parameter's name, then one 400 for all of them ({@link #check}).
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** A UUID, or null when absent; a bad one is a problem named {@code name}. */
    public static UUID uuid(String value, String name, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(name, "must be a UUID"));
            return null;
        }
    }

    /** An ISO-8601 instant, or null when absent; a bad one is a problem named {@code name}. */
    public static Instant instant(String value, String name, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z"));
            return null;
        }
    }

    /** A whole number between {@code min} and {@code max}, {@code absent} when not given. */
    public static int integer(String value, String name, int absent, int min, int max, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(name, "must be between " + min + " and " + max));
        return absent;
    }

    /** The collected problems as one 400 problem+json, if there are any. */
    public static void check(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request", errors.size() + " parameter(s) are invalid", errors);
        }
    }
}
