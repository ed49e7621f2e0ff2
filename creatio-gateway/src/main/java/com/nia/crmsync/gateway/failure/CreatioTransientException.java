package com.nia.crmsync.gateway.failure;

import java.time.Duration;

/**
 * A failure that may pass when tried again (timeout, 429, 5xx, connection refused): the only kind
 * the fault-tolerance layer retries, and the only kind that counts towards opening a breaker.
 */
public class CreatioTransientException extends CreatioException {

    public CreatioTransientException(ErrorCode code, int creatioStatus, String sanitisedMessage, Duration retryAfter) {
        super(code, creatioStatus, sanitisedMessage, retryAfter);
    }
}
