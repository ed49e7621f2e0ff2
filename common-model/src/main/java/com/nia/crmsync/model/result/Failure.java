package com.nia.crmsync.model.result;

import com.nia.crmsync.model.wire.WireEnum;

/**
 * Why an attempt failed, sanitised for the sync log and the operators' view.
 *
 * @param category       the kind of failure, which decides whether a retry can help
 * @param message        a short, sanitised description (no personal data, no tokens)
 * @param httpStatus     Creatio's (or the gateway's) HTTP status, when there was one
 * @param exceptionClass the exception class that ended the attempt, when there was one
 */
public record Failure(Category category, String message, Integer httpStatus, String exceptionClass) {

    /** The kinds of failure. */
    public enum Category implements WireEnum {
        /** Timeouts, 5xx, 429: retried with back-off. */
        TRANSIENT,
        /**
         * The gateway refused without calling Creatio — its call budget is spent, or its circuit
         * breaker is open: the record waits without spending an attempt.
         */
        BUDGET_EXHAUSTED,
        /** Creatio rejected the values (400) or a required field is missing. */
        VALIDATION,
        /** The mapping or entity set is wrong for this Creatio (unknown column, 401 on a set). */
        CONFIGURATION,
        /** Anything else that no retry fixes. */
        PERMANENT
    }
}
