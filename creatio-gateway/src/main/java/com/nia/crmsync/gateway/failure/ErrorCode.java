package com.nia.crmsync.gateway.failure;

/**
 * The stable error codes of the gateway's problem+json answers (field {@code code}), with the HTTP
 * status the gateway answers for each. Workers branch on the code, never on the message.
 */
public enum ErrorCode {
    /**
     * Creatio refused the request as invalid (400: wrong types, unknown columns, missing required; or a
     * 500 from its database: a value too long for its column).
     */
    CREATIO_REJECTED(422, false),
    /** Creatio has no such record. */
    CREATIO_NOT_FOUND(404, false),
    /** Creatio answered 409 or a duplicate key. */
    CREATIO_CONFLICT(409, false),
    /** A 401 persisted after a fresh token: an unknown entity set, or the client lost its rights. */
    CREATIO_UNAUTHORIZED(502, false),
    /** Creatio's HTML page: the technical user lacks the "Access to OData" operation. */
    CREATIO_NO_ODATA_PERMISSION(502, false),
    /** Creatio failed (500) without saying it was overloaded. */
    CREATIO_SERVER_ERROR(502, true),
    /** Creatio or its load balancer is unavailable (502/503/504) or refused the connection. */
    CREATIO_UNAVAILABLE(503, true),
    /** Creatio throttled us (429). */
    CREATIO_THROTTLED(429, true),
    /** Creatio did not answer within the gateway's timeout. */
    CREATIO_TIMEOUT(504, true),
    /** Too many recent failures of this operation family: the breaker is open. */
    CREATIO_CIRCUIT_OPEN(503, true),
    /** The identity service refused the client id or secret. */
    CREATIO_CREDENTIALS_REJECTED(502, false),
    /** The identity service is unreachable or failing; the gateway retries with back-off. */
    IDENTITY_UNAVAILABLE(503, true),
    /** No Creatio client id/secret configured. */
    CREATIO_NOT_CONFIGURED(503, false),
    /** The gateway's own call budget (daily quota share or waiting time) is spent. */
    BUDGET_EXHAUSTED(429, true),
    /** The caller's request to the gateway is invalid (unknown entity set or column, bad id, ...). */
    INVALID_REQUEST(400, false);

    private final int httpStatus;
    private final boolean transientFailure;

    ErrorCode(int httpStatus, boolean transientFailure) {
        this.httpStatus = httpStatus;
        this.transientFailure = transientFailure;
    }

    /** The status the gateway answers its caller with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the same call may succeed later. */
    public boolean isTransient() {
        return transientFailure;
    }
}
