package com.nia.crmsync.gateway.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * A Creatio call that did not succeed, already reduced to what a caller may see: a stable error
 * {@link ErrorCode}, Creatio's HTTP status (0 when Creatio never answered) and a sanitised message
 * (no token, no secret, no stack trace). {@link #isTransient()} says whether trying again later can
 * help; only transient failures of idempotent operations are retried.
 */
public class CreatioException extends RuntimeException {

    private final ErrorCode code;
    private final int creatioStatus;
    private final Duration retryAfter;

    public CreatioException(ErrorCode code, int creatioStatus, String sanitisedMessage, Duration retryAfter) {
        super(sanitisedMessage, null, false, false);
        this.code = code;
        this.creatioStatus = creatioStatus;
        this.retryAfter = retryAfter;
    }

    public CreatioException(ErrorCode code, int creatioStatus, String sanitisedMessage) {
        this(code, creatioStatus, sanitisedMessage, null);
    }

    public ErrorCode code() {
        return code;
    }

    /** Creatio's status, or 0 when no answer came (timeout, connection refused). */
    public int creatioStatus() {
        return creatioStatus;
    }

    /** How long Creatio asked us to wait ({@code Retry-After}), if it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isTransient() {
        return code.isTransient();
    }
}
