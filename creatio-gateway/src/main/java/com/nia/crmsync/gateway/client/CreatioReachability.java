package com.nia.crmsync.gateway.client;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.model.gateway.GatewayStatus;

/**
 * Whether Creatio answers this gateway's calls, learnt from the calls themselves: any answer (a 2xx, a 404, a
 * refusal) means reachable; a failure for want of an answer (connection refused, 5xx page, timeout, identity
 * service down) starts or extends an unreachable streak, which the next answer ends. Read by the status endpoint,
 * so sync-api's alerts see an outage without spending a Creatio call on it.
 */
@ApplicationScoped
public class CreatioReachability {

    /** The failures that mean Creatio did not answer. */
    static final Set<ErrorCode> UNREACHABLE = EnumSet.of(ErrorCode.CREATIO_UNAVAILABLE, ErrorCode.CREATIO_TIMEOUT,
            ErrorCode.CREATIO_SERVER_ERROR, ErrorCode.IDENTITY_UNAVAILABLE);

    private final Clock clock = Clock.systemUTC();
    private Instant lastAnswerAt;
    private Instant unreachableSince;
    private Instant lastFailureAt;
    private String lastFailureCode;

    /** Creatio answered a call. */
    public synchronized void answered() {
        lastAnswerAt = clock.instant();
        unreachableSince = null;
    }

    /** A call failed with {@code code}; only the failures in {@link #UNREACHABLE} count, the rest were answers. */
    public synchronized void failed(ErrorCode code) {
        if (!UNREACHABLE.contains(code)) {
            answered();
            return;
        }
        lastFailureAt = clock.instant();
        lastFailureCode = code.name();
        if (unreachableSince == null) {
            unreachableSince = lastFailureAt;
        }
    }

    /** What is known now. */
    public synchronized GatewayStatus.Reachability snapshot() {
        return new GatewayStatus.Reachability(lastAnswerAt, unreachableSince, lastFailureAt, lastFailureCode);
    }
}
