package com.nia.crmsync.messaging;

import java.io.UncheckedIOException;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

import com.fasterxml.jackson.core.JacksonException;

import com.nia.crmsync.model.deadletter.DeadLetterHeaders;

/**
 * Counts dead letters ({@code crmsync.dead.letters}, Prometheus {@code crmsync_dead_letters_total})
 * by the topic the record came from and a short reason class, never the reason's text (which holds
 * ids and values). Every path that dead-letters goes through here: {@link DeadLetters#nack} for the
 * consumers' failure strategy and the worker's own publisher. The counter lives in Micrometer's
 * global registry, to which Quarkus adds its Prometheus registry, so static callers need no bean.
 */
public final class DeadLetterMetrics {

    /** The meter's name. */
    public static final String NAME = "crmsync.dead.letters";

    /** The record could not be read as a valid event or command. */
    public static final String INVALID_EVENT = "invalid_event";
    /** The record's schema version is one this consumer cannot read. */
    public static final String UNSUPPORTED_VERSION = "unsupported_version";
    /** A passing failure outlived every attempt allowed. */
    public static final String EXHAUSTED_RETRIES = "exhausted_retries";
    /** The record asks for an operation or command kind this version does not carry out. */
    public static final String UNKNOWN_OPERATION = "unknown_operation";
    /** Any other failure charged to the record (a contract it breaks, a failure nobody recognises). */
    public static final String REJECTED = "rejected";
    /** The topic label when the origin is not known. */
    public static final String UNKNOWN_TOPIC = "unknown";

    private DeadLetterMetrics() {
    }

    /** Counts one dead letter from {@code topic} (null: unknown) for the given reason text and failure (either may be null). */
    public static void record(String topic, String reason, Throwable failure) {
        Counter.builder(NAME).description("Records sent to the dead-letter topic, by origin topic and reason class")
                .tag("topic", topic == null ? UNKNOWN_TOPIC : topic)
                .tag("reason", reasonClass(reason, failure))
                .register(Metrics.globalRegistry).increment();
    }

    /** The bounded reason class of a dead letter, from its reason text and the failure that caused it. */
    public static String reasonClass(String reason, Throwable failure) {
        String text = (reason != null ? reason : failure != null && failure.getMessage() != null ? failure.getMessage() : "")
                .toLowerCase(Locale.ROOT);
        if (text.contains("unsupported schema version")) {
            return UNSUPPORTED_VERSION;
        }
        if (text.startsWith(DeadLetterHeaders.REASON_INVALID_EVENT) || text.startsWith("invalid command envelope")) {
            return INVALID_EVENT;
        }
        if (text.startsWith("retries exhausted")) {
            return EXHAUSTED_RETRIES;
        }
        if (failure instanceof UnsupportedOperationException) {
            return UNKNOWN_OPERATION;
        }
        if (failure == null) {
            return REJECTED;
        }
        if (failure instanceof JacksonException || failure instanceof UncheckedIOException
                || failure.getCause() instanceof JacksonException) {
            // not JSON, or not the shape of an envelope
            return INVALID_EVENT;
        }
        return FailureKind.of(failure) == FailureKind.TRANSIENT ? EXHAUSTED_RETRIES : REJECTED;
    }
}
