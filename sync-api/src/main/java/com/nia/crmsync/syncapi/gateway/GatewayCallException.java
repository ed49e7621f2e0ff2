package com.nia.crmsync.syncapi.gateway;

/** The gateway answered an error: its HTTP status and stable code (e.g. {@code CREATIO_UNAVAILABLE}). */
class GatewayCallException extends RuntimeException {

    private final int status;
    private final String code;
    private final Long retryAfterSeconds;

    GatewayCallException(int status, String code, Long retryAfterSeconds) {
        super("creatio-gateway answered " + status + " " + code);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
