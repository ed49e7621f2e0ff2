package com.nia.crmsync.gateway.service;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

import com.nia.crmsync.gateway.auth.CreatioTokens;
import com.nia.crmsync.gateway.budget.CallBudget;
import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.gateway.client.CreatioReachability;
import com.nia.crmsync.gateway.config.GatewayConfig;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.Failures;
import com.nia.crmsync.gateway.metrics.GatewayMetrics;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.ConnectionTest;
import com.nia.crmsync.model.gateway.GatewayStatus;

/**
 * What an operator and {@code sync-api} may ask about the gateway's link to Creatio: a
 * test-connection (a token, then one cheap read, each timed) and a read-only status (quota,
 * breaker states, the last token request's outcome, whether Creatio answers the calls).
 */
@Startup
@ApplicationScoped
public class ConnectionService {

    private final CreatioTokens tokens;
    private final CreatioClient creatio;
    private final CallBudget budget;
    private final CircuitBreakerMaintenance breakers;
    private final GatewayConfig config;
    private final CreatioReachability reachability;

    public ConnectionService(CreatioTokens tokens, CreatioClient creatio, CallBudget budget, CircuitBreakerMaintenance breakers,
            GatewayConfig config, GatewayMetrics metrics, CreatioReachability reachability) {
        this.tokens = tokens;
        this.creatio = creatio;
        this.budget = budget;
        this.breakers = breakers;
        this.config = config;
        this.reachability = reachability;
        for (String breaker : CreatioClient.BREAKERS) {
            metrics.gauge("creatio.breaker.state", "Circuit breaker state: 0 closed or unused, 1 half-open, 2 open",
                    () -> switch (breakerState(breaker)) {
                        case "open" -> 2;
                        case "half-open" -> 1;
                        default -> 0;
                    }, "breaker", breaker);
        }
    }

    /** Gets a token and reads one contact id; never throws (the answer says what failed). */
    public ConnectionTest test(Lane lane) {
        long start = System.nanoTime();
        try {
            tokens.current();
        } catch (CreatioException e) {
            return new ConnectionTest(false, config.apiUrl(), false, millisSince(start), null, e.code().name(), e.getMessage(), Instant.now());
        }
        long authMillis = millisSince(start);
        long readStart = System.nanoTime();
        try {
            creatio.query(lane, "Contact", "$select=Id&$top=1");
            return new ConnectionTest(true, config.apiUrl(), true, authMillis, millisSince(readStart), "OK", "token issued and one read answered",
                    Instant.now());
        } catch (CreatioException e) {
            return new ConnectionTest(false, config.apiUrl(), true, authMillis, millisSince(readStart), e.code().name(), e.getMessage(),
                    Instant.now());
        } catch (RuntimeException e) {
            return new ConnectionTest(false, config.apiUrl(), true, authMillis, millisSince(readStart), Failures.code(e).name(),
                    Failures.message(e), Instant.now());
        }
    }

    /** The gateway's read-only view of its link to Creatio. */
    public GatewayStatus.CreatioLink status() {
        Map<String, String> states = new LinkedHashMap<>();
        CreatioClient.BREAKERS.forEach(name -> states.put(name, breakerState(name)));
        Map<String, Integer> queued = Map.of(Lane.REALTIME.wire(), budget.queueLength(Lane.REALTIME), Lane.BULK.wire(),
                budget.queueLength(Lane.BULK));
        return new GatewayStatus.CreatioLink(config.apiUrl(), config.odataRoot(), config.clientId().isPresent() && config.clientSecret().isPresent(),
                budget.quota(), states, tokens.lastResult().orElse(null), queued, budget.inFlight(), Instant.now(), reachability.snapshot());
    }

    /** A breaker's state: {@code closed}, {@code open}, {@code half-open}, or {@code unused} before its first call. */
    public String breakerState(String name) {
        try {
            return breakers.currentState(name).name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        } catch (IllegalArgumentException unused) {
            return "unused";
        }
    }

    private static long millisSince(long start) {
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }
}
