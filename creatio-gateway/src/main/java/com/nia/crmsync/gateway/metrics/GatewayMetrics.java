package com.nia.crmsync.gateway.metrics;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import com.nia.crmsync.model.command.Lane;

/**
 * The gateway's Prometheus metrics in one place, so names and tags stay consistent:
 * {@code creatio_calls} (timer by operation and status, with a latency histogram),
 * {@code creatio_token_requests} (by reason and outcome), {@code creatio_budget_wait} (by lane),
 * and gauges registered by their owners (quota, queue length, breaker states). No tag ever holds
 * an id, a token or a secret.
 */
@ApplicationScoped
public class GatewayMetrics {

    private final MeterRegistry registry;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One Creatio call: operation family, Creatio's status (or {@code timeout}/{@code io-error}) and latency. */
    public void call(String operation, String status, Duration latency) {
        Timer.builder("creatio.calls").description("Calls to Creatio by operation and status")
                .tag("operation", operation).tag("status", status)
                .publishPercentileHistogram()
                .register(registry).record(latency.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** One token request: why (initial, expiry, rejected) and its outcome. */
    public void tokenRequest(String reason, String outcome) {
        Counter.builder("creatio.token.requests").description("Token requests to Creatio's identity service")
                .tag("reason", reason).tag("outcome", outcome).register(registry).increment();
    }

    /** Time a call waited for its turn in the budget. */
    public void budgetWait(Lane lane, Duration waited) {
        Timer.builder("creatio.budget.wait").description("Time spent waiting for the call budget")
                .tag("lane", lane.wire()).publishPercentileHistogram()
                .register(registry).record(waited.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A refusal by the budget (quota share reached, wait too long). */
    public void budgetRefused(Lane lane, String reason) {
        Counter.builder("creatio.budget.refused").description("Calls refused by the call budget")
                .tag("lane", lane.wire()).tag("reason", reason).register(registry).increment();
    }

    /** A gauge read from its owner on every scrape. */
    public void gauge(String name, String description, Supplier<Number> value, String... tags) {
        Gauge.builder(name, value).description(description).tags(tags).register(registry);
    }
}
