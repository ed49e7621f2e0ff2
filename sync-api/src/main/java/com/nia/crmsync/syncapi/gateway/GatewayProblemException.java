package com.nia.crmsync.syncapi.gateway;

import java.util.List;

import com.nia.crmsync.web.problem.ProblemException;

/**
 * A call to creatio-gateway failed: answered to our caller as a problem of our own, 503 when
 * waiting helps (gateway unreachable, Creatio unavailable, budget spent) and 502 otherwise. The
 * problem's {@code type} ends with the gateway's stable code; nothing of the gateway's own
 * answer (Creatio URLs, messages, tokens) is passed on.
 */
public class GatewayProblemException extends ProblemException {

    /** The prefix of the problem type; the gateway's code follows it. */
    public static final String TYPE_PREFIX = "urn:nia-creatio-sync:gateway:";

    private final String code;

    public GatewayProblemException(int status, String title, String detail, String code) {
        super(TYPE_PREFIX + code, status, title, detail, List.of());
        this.code = code;
    }

    /** The gateway's code, or ours ({@code GATEWAY_UNREACHABLE}, {@code GATEWAY_TOKEN_UNAVAILABLE}). */
    public String code() {
        return code;
    }
}
