package com.nia.crmsync.syncapi.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.model.gateway.GatewayStatus;

/**
 * Every alert sync-api evaluates, with its condition (docs/observability.md, "Webhook alerts" lists them): the gateway and Creatio's link
 * from the gateway's status (authentication, reachability and breakers, quota at the warning and critical
 * shares), the rest from sync-api's own tables (dead letters, pending conflicts, failed runs).
 */
@ApplicationScoped
public class AlertRules {

    public static final String GATEWAY_UNREACHABLE = "creatio_gateway_unreachable";
    public static final String CREATIO_AUTH_FAILING = "creatio_auth_failing";
    public static final String CREATIO_UNREACHABLE = "creatio_unreachable";
    public static final String QUOTA_WARNING = "creatio_quota_warning";
    public static final String QUOTA_CRITICAL = "creatio_quota_critical";
    public static final String DEAD_LETTERS = "dead_letters_growing";
    public static final String CONFLICTS = "conflicts_pending";
    public static final String RUN_FAILED = "sync_run_failed";

    /** The last token request's codes that are not an authentication failure (the identity service did not answer). */
    private static final Set<String> NOT_AUTH = Set.of("IDENTITY_UNAVAILABLE");
    private static final int LISTED_RUNS = 10;

    private final List<AlertRule> rules;

    public AlertRules(AlertsConfig config) {
        this.rules = rules(config);
    }

    /** Every rule, in the order they are evaluated and listed. */
    public List<AlertRule> all() {
        return rules;
    }

    static List<AlertRule> rules(AlertsConfig config) {
        List<AlertRule> rules = new ArrayList<>();
        rules.add(new AlertRule(GATEWAY_UNREACHABLE, Severity.CRITICAL, "creatio-gateway does not answer sync-api",
                o -> o.gateway() == null ? Check.firing(Map.of("failure", String.valueOf(o.gatewayFailure()))) : Check.clear()));
        rules.add(new AlertRule(CREATIO_AUTH_FAILING, Severity.CRITICAL, "Creatio authentication failing", o -> {
            GatewayStatus.CreatioLink link = o.creatio();
            if (link == null) {
                return Check.unknown();
            }
            GatewayStatus.AuthResult auth = link.lastAuth();
            if (auth == null || auth.ok() || NOT_AUTH.contains(auth.code())) {
                return Check.clear();
            }
            return Check.firing(details("code", auth.code(), "message", auth.message(), "at", auth.at()));
        }));
        rules.add(new AlertRule(CREATIO_UNREACHABLE, Severity.CRITICAL, "Creatio unreachable or a circuit breaker open",
                o -> unreachable(o, config)));
        rules.add(quota(QUOTA_WARNING, Severity.WARNING, config.quota().warning()));
        rules.add(quota(QUOTA_CRITICAL, Severity.CRITICAL, config.quota().critical()));
        rules.add(new AlertRule(DEAD_LETTERS, Severity.CRITICAL, "Records dead-lettered (failed for good) recently",
                o -> o.deadLettered() >= config.deadLetterThreshold()
                        ? Check.firing(details("dead_lettered", o.deadLettered(), "window", config.deadLetterWindow().toString(),
                                "threshold", config.deadLetterThreshold()))
                        : Check.clear()));
        rules.add(new AlertRule(CONFLICTS, Severity.WARNING, "Pending conflicts over the threshold",
                o -> o.conflicts() > config.conflictThreshold()
                        ? Check.firing(details("pending", o.conflicts(), "threshold", config.conflictThreshold()))
                        : Check.clear()));
        rules.add(new AlertRule(RUN_FAILED, Severity.WARNING, "A sync run failed", o -> {
            if (o.failedRuns().isEmpty()) {
                return Check.clear();
            }
            List<Map<String, Object>> runs = o.failedRuns().stream().limit(LISTED_RUNS)
                    .map(r -> details("id", r.id(), "kind", r.kind(), "finished_at", r.finishedAt(), "error", r.error())).toList();
            return Check.firing(details("failed_runs", o.failedRuns().size(), "window", config.failedRunWindow().toString(), "runs", runs));
        }));
        return List.copyOf(rules);
    }

    private static Check unreachable(Observations o, AlertsConfig config) {
        GatewayStatus.CreatioLink link = o.creatio();
        if (link == null) {
            return Check.unknown();
        }
        List<String> open = link.breakers() == null ? List.of()
                : link.breakers().entrySet().stream().filter(e -> "open".equals(e.getValue())).map(Map.Entry::getKey).sorted().toList();
        GatewayStatus.Reachability reach = link.reachability();
        boolean unanswered = reach != null && reach.unreachableSince() != null
                && !reach.unreachableSince().plus(config.unreachableAfter()).isAfter(o.now());
        if (open.isEmpty() && !unanswered) {
            return Check.clear();
        }
        return Check.firing(details("open_breakers", open, "unreachable_since", reach == null ? null : reach.unreachableSince(),
                "last_failure_code", reach == null ? null : reach.lastFailureCode(), "last_failure_at",
                reach == null ? null : reach.lastFailureAt(), "last_answer_at", reach == null ? null : reach.lastAnswerAt()));
    }

    private static AlertRule quota(String key, Severity severity, double share) {
        String summary = "Creatio quota at " + Math.round(share * 100) + " % of the day's budget";
        return new AlertRule(key, severity, summary, o -> {
            GatewayStatus.CreatioLink link = o.creatio();
            if (link == null || link.quota() == null || link.quota().dailyQuota() <= 0) {
                return Check.unknown();
            }
            GatewayStatus.Quota q = link.quota();
            double used = (double) q.used() / q.dailyQuota();
            return used >= share
                    ? Check.firing(details("day", q.day(), "used", q.used(), "daily_quota", q.dailyQuota(), "used_share",
                            Math.round(used * 1000) / 1000.0, "threshold", share))
                    : Check.clear();
        });
    }

    /** Pairs of name and value, in order; null values are left out, instants and dates as ISO-8601 text. */
    static Map<String, Object> details(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value != null) {
                map.put((String) pairs[i], value instanceof java.time.temporal.TemporalAccessor || value instanceof java.util.UUID
                        ? value.toString() : value);
            }
        }
        return map;
    }
}
