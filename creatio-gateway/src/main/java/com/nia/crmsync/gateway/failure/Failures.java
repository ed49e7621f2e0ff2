package com.nia.crmsync.gateway.failure;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

/**
 * The stable error code and a sanitised message for any failure of a Creatio call, including
 * the fault-tolerance layer's own (an open breaker, an attempt timeout).
 */
public final class Failures {

    private Failures() {
    }

    public static ErrorCode code(Throwable failure) {
        if (failure instanceof CreatioException creatio) {
            return creatio.code();
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return ErrorCode.CREATIO_CIRCUIT_OPEN;
        }
        if (failure instanceof TimeoutException) {
            return ErrorCode.CREATIO_TIMEOUT;
        }
        return ErrorCode.CREATIO_SERVER_ERROR;
    }

    public static String message(Throwable failure) {
        if (failure instanceof CreatioException) {
            return failure.getMessage();
        }
        if (failure instanceof CircuitBreakerOpenException) {
            return "too many recent Creatio failures of this kind; the circuit breaker is open";
        }
        if (failure instanceof TimeoutException) {
            return "the Creatio call did not complete within the gateway's timeout";
        }
        return "unexpected failure: " + failure.getClass().getSimpleName();
    }
}
