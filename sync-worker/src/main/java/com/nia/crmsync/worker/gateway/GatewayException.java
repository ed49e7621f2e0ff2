package com.nia.crmsync.worker.gateway;

import java.util.Set;

import com.nia.crmsync.model.result.Failure;

/**
 * A gateway call that failed, with the gateway's stable problem {@code code} (see
 * creatio-gateway/README.md) and what it means for the record: retry later, wait for the budget,
 * or no retry helps. The message is the gateway's sanitised detail (no body, no token).
 */
public class GatewayException extends RuntimeException {

    private static final Set<String> TRANSIENT = Set.of("CREATIO_SERVER_ERROR", "CREATIO_UNAVAILABLE", "CREATIO_TIMEOUT",
            "CREATIO_THROTTLED", "IDENTITY_UNAVAILABLE", "CREATIO_NOT_CONFIGURED");
    /**
     * The gateway refused without calling Creatio: the budget is spent, or the operation's circuit
     * breaker is open after many failures (of any record). Neither says anything about this record,
     * so it waits without spending an attempt — otherwise one failing record, or an outage, would
     * use up every other record's attempts while the breaker is open.
     */
    private static final Set<String> REFUSED_WITHOUT_A_CALL = Set.of("BUDGET_EXHAUSTED", "CREATIO_CIRCUIT_OPEN");
    private static final Set<String> CONFIGURATION = Set.of("INVALID_REQUEST", "CREATIO_UNAUTHORIZED",
            "CREATIO_NO_ODATA_PERMISSION", "CREATIO_CREDENTIALS_REJECTED", "GATEWAY_REFUSED_CREDENTIALS");

    private final int status;
    private final String code;
    private final Integer creatioStatus;
    private final Long retryAfterSeconds;

    public GatewayException(int status, String code, Integer creatioStatus, Long retryAfterSeconds, String message) {
        super(message);
        this.status = status;
        this.code = code;
        this.creatioStatus = creatioStatus;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** The gateway could not be reached or did not answer in time. */
    public static GatewayException unreachable(Throwable cause) {
        GatewayException e = new GatewayException(0, "GATEWAY_UNREACHABLE", null, null,
                "gateway unreachable: " + cause.getClass().getSimpleName());
        e.initCause(cause);
        return e;
    }

    /** The gateway's HTTP status (0 when no answer arrived). */
    public int status() {
        return status;
    }

    /** The gateway's stable problem code. */
    public String code() {
        return code;
    }

    /** Creatio's status, when Creatio answered. */
    public Integer creatioStatus() {
        return creatioStatus;
    }

    /** How long to wait, when the gateway said. */
    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** What this failure means for the record. */
    public Failure.Category category() {
        return category(code, status);
    }

    /** The category of a gateway problem code (or, without one, of its HTTP status). */
    public static Failure.Category category(String code, int status) {
        if (code != null && REFUSED_WITHOUT_A_CALL.contains(code)) {
            return Failure.Category.BUDGET_EXHAUSTED;
        }
        if ("CREATIO_REJECTED".equals(code)) {
            return Failure.Category.VALIDATION;
        }
        if (code != null && CONFIGURATION.contains(code)) {
            return Failure.Category.CONFIGURATION;
        }
        if (code != null && TRANSIENT.contains(code) || "GATEWAY_UNREACHABLE".equals(code)) {
            return Failure.Category.TRANSIENT;
        }
        if (status == 0 || status == 408 || status == 429 || status >= 500) {
            return Failure.Category.TRANSIENT;
        }
        return Failure.Category.PERMANENT;
    }

    /** The failure for a result. */
    public Failure failure() {
        return new Failure(category(), code + ": " + getMessage(), creatioStatus != null ? creatioStatus : status,
                GatewayException.class.getName());
    }
}
