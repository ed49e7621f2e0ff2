package com.nia.crmsync.worker.gateway;

import com.nia.crmsync.model.gateway.GatewayError;
import com.nia.crmsync.model.result.Failure;

/**
 * A gateway call that failed, with the gateway's stable problem {@code code} (see
 * creatio-gateway/README.md) and what it means for the record ({@link GatewayError#category()}):
 * retry later, wait for the budget, or no retry helps. The message is the gateway's sanitised
 * detail (no body, no token).
 */
public class GatewayException extends RuntimeException {

    private final GatewayError error;

    public GatewayException(int status, String code, Integer creatioStatus, Long retryAfterSeconds, String message) {
        this(new GatewayError(status, code, creatioStatus, retryAfterSeconds, message));
    }

    public GatewayException(GatewayError error) {
        super(error.detail());
        this.error = error;
    }

    /** The gateway could not be reached or did not answer in time. */
    public static GatewayException unreachable(Throwable cause) {
        GatewayException e = new GatewayException(0, GatewayError.UNREACHABLE, null, null,
                "gateway unreachable: " + cause.getClass().getSimpleName());
        e.initCause(cause);
        return e;
    }

    /** The decoded answer: status, code, Creatio's status, Retry-After and detail. */
    public GatewayError error() {
        return error;
    }

    /** The gateway's HTTP status (0 when no answer arrived). */
    public int status() {
        return error.status();
    }

    /** The gateway's stable problem code. */
    public String code() {
        return error.code();
    }

    /** Creatio's status, when Creatio answered. */
    public Integer creatioStatus() {
        return error.creatioStatus();
    }

    /** How long to wait, when the gateway said. */
    public Long retryAfterSeconds() {
        return error.retryAfterSeconds();
    }

    /** What this failure means for the record. */
    public Failure.Category category() {
        return error.category();
    }

    /** The failure for a result. */
    public Failure failure() {
        return new Failure(category(), code() + ": " + getMessage(), creatioStatus() != null ? creatioStatus() : status(),
                GatewayException.class.getName());
    }
}
