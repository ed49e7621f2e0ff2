package com.nia.crmsync.syncapi.api;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

/** Query parameters of the list endpoints: parsed, each problem collected under the parameter's name, then one 400. */
final class QueryParams {

    private QueryParams() {
    }

    /** A UUID, or null when absent; a bad one is a problem named {@code name}. */
    static UUID uuid(String value, String name, List<Problem.FieldError> errors) {
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

    /** A whole number between {@code min} and {@code max}, {@code absent} when not given. */
    static int integer(String value, String name, int absent, int min, int max, List<Problem.FieldError> errors) {
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
    static void check(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "Invalid request", errors.size() + " parameter(s) are invalid",
                    errors);
        }
    }
}
