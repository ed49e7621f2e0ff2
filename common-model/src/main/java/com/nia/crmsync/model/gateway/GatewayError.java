package com.nia.crmsync.model.gateway;

import java.util.Set;

import com.nia.crmsync.model.result.Failure;

/**
 * A gateway call that failed, as {@link GatewayErrorDecoder} reads it: the gateway's HTTP status (0
 * when no answer arrived), its stable {@code code}, Creatio's status when Creatio answered, how long
 * to wait when the gateway said, and the gateway's sanitised detail. {@link #category()} says what
 * the failure means for a record, {@link #retryable()} whether waiting can help.
 */
public record GatewayError(int status, String code, Integer creatioStatus, Long retryAfterSeconds, String detail) {

    /** Our code when the gateway could not be reached or did not answer in time. */
    public static final String UNREACHABLE = "GATEWAY_UNREACHABLE";
    /** The code of a 401 or 403 without a problem document: the gateway refused the caller's token. */
    public static final String REFUSED_CREDENTIALS = "GATEWAY_REFUSED_CREDENTIALS";

    private static final Set<String> TRANSIENT = Set.of("CREATIO_SERVER_ERROR", "CREATIO_UNAVAILABLE", "CREATIO_TIMEOUT",
            "CREATIO_THROTTLED", "IDENTITY_UNAVAILABLE", "CREATIO_NOT_CONFIGURED", UNREACHABLE);
    /**
     * The gateway refused without calling Creatio: the budget is spent, or the operation's circuit
     * breaker is open after many failures (of any record). Neither says anything about this record,
     * so it waits without spending an attempt — otherwise one failing record, or an outage, would
     * use up every other record's attempts while the breaker is open.
     */
    private static final Set<String> REFUSED_WITHOUT_A_CALL = Set.of("BUDGET_EXHAUSTED", "CREATIO_CIRCUIT_OPEN");
    private static final Set<String> CONFIGURATION = Set.of("INVALID_REQUEST", "CREATIO_UNAUTHORIZED",
            "CREATIO_NO_ODATA_PERMISSION", "CREATIO_CREDENTIALS_REJECTED", REFUSED_CREDENTIALS);

    /** What this failure means for a record. */
    public Failure.Category category() {
        return category(code, status);
    }

    /** Whether a later call may succeed: a transient failure, or a refusal of the budget or an open breaker. */
    public boolean retryable() {
        Failure.Category category = category();
        return category == Failure.Category.TRANSIENT || category == Failure.Category.BUDGET_EXHAUSTED;
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
        if (code != null && TRANSIENT.contains(code)) {
            return Failure.Category.TRANSIENT;
        }
        if (status == 0 || status == 408 || status == 429 || status >= 500) {
            return Failure.Category.TRANSIENT;
        }
        return Failure.Category.PERMANENT;
    }
}
