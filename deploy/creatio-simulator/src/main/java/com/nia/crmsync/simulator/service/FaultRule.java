package com.nia.crmsync.simulator.service;

import java.util.List;

/**
 * One fault-injection rule of {@code POST /sim/faults}. A rule matches a request by endpoint
 * group ({@code identity}, {@code metadata}, {@code odata}, {@code batch}, or {@code any}), and
 * optionally by HTTP methods, entity set and entity ids — also for the sub-requests of a
 * {@code $batch}, which belong to group {@code odata}. Actions:
 * <ul>
 * <li>{@code error}: answer {@code status} (default 500; 502, 503 ...) without touching data;</li>
 * <li>{@code throttle}: answer 429 with {@code Retry-After: retryAfterSeconds};</li>
 * <li>{@code latency}: wait a uniformly distributed time in [{@code minMs}, {@code maxMs}], then serve;</li>
 * <li>{@code hang}: wait {@code durationMs} (default 120 s, past any sane client timeout), then serve;</li>
 * <li>{@code commit-then-delay}: serve (commit the write), then wait {@code durationMs} before answering;</li>
 * <li>{@code down}: answer 503 with an HTML page, as a load balancer does for a dead backend
 * ("identity service down" is this action on group {@code identity}).</li>
 * </ul>
 * {@code probability} (default 1) makes a rule fire at a rate; {@code times} (default unlimited)
 * removes it after it fired that often; {@code seed} makes its random draws (which requests it hits,
 * which latency) repeat from run to run.
 */
public record FaultRule(String id, String group, List<String> methods, String entitySet, List<String> ids,
        String action, Integer status, Integer retryAfterSeconds, Long minMs, Long maxMs, Long durationMs,
        Double probability, Integer times, Long seed) {
}
