package com.nia.crmsync.syncapi.gateway;

import com.nia.crmsync.model.gateway.GatewayError;

/** The gateway answered an error: its HTTP status and stable code (e.g. {@code CREATIO_UNAVAILABLE}), as the shared decoder read it. */
class GatewayCallException extends RuntimeException {

    private final GatewayError error;

    GatewayCallException(GatewayError error) {
        super("creatio-gateway answered " + error.status() + " " + error.code());
        this.error = error;
    }

    int status() {
        return error.status();
    }

    String code() {
        return error.code();
    }

    Long retryAfterSeconds() {
        return error.retryAfterSeconds();
    }
}
