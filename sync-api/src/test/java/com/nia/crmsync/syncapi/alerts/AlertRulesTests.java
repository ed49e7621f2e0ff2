package com.nia.crmsync.syncapi.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

import com.nia.crmsync.model.gateway.GatewayStatus;

/** Each rule's condition over what an evaluation observed, with the default thresholds. */
class AlertRulesTests {

    private static final Instant NOW = Instant.parse("2026-01-31T12:00:00Z");
    private static final Map<String, String> CLOSED = Map.of("creatio-get", "closed", "creatio-query", "unused");

    private final Map<String, AlertRule> rules = byKey(AlertRules.rules(defaults()));

    private static AlertsConfig defaults() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(AlertsConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter()).build();
        return config.getConfigMapping(AlertsConfig.class);
    }

    private static Map<String, AlertRule> byKey(List<AlertRule> list) {
        return list.stream().collect(java.util.stream.Collectors.toMap(AlertRule::key, r -> r));
    }

    private static Observations gateway(long used, Map<String, String> breakers, GatewayStatus.AuthResult auth,
            GatewayStatus.Reachability reach) {
        GatewayStatus.Quota quota = new GatewayStatus.Quota(LocalDate.of(2026, 1, 31), used, 10_000, 8_000, 9_500, 9_500 - used);
        GatewayStatus.CreatioLink link = new GatewayStatus.CreatioLink("http://creatio", "0/odata", true, quota, breakers, auth, Map.of(), 0,
                NOW, reach);
        return new Observations(NOW, new GatewayStatus("creatio-gateway", "UP", "sync-api", java.util.Set.of(), NOW, link), null, 0, 0,
                List.of());
    }

    private Check.Verdict verdict(String key, Observations o) {
        return rules.get(key).check(o).verdict();
    }

    @Test
    void quotaAt75PercentFiresTheWarningAndNotYetTheCriticalOne() {
        Observations o = gateway(7_500, CLOSED, null, null);

        assertThat(verdict(AlertRules.QUOTA_WARNING, o)).isEqualTo(Check.Verdict.FIRING);
        assertThat(verdict(AlertRules.QUOTA_CRITICAL, o)).isEqualTo(Check.Verdict.CLEAR);
        assertThat(rules.get(AlertRules.QUOTA_WARNING).check(o).details()).containsEntry("used", 7_500L).containsEntry("daily_quota", 10_000L);
        assertThat(verdict(AlertRules.QUOTA_WARNING, gateway(7_499, CLOSED, null, null))).isEqualTo(Check.Verdict.CLEAR);
        assertThat(verdict(AlertRules.QUOTA_CRITICAL, gateway(9_500, CLOSED, null, null))).isEqualTo(Check.Verdict.FIRING);
    }

    @Test
    void creatioUnreachableFiresOnceCallsFailedForTheWholeGraceOrABreakerIsOpen() {
        var failingJustNow = new GatewayStatus.Reachability(NOW.minusSeconds(300), NOW.minusSeconds(10), NOW, "CREATIO_UNAVAILABLE");
        var failingLong = new GatewayStatus.Reachability(NOW.minusSeconds(300), NOW.minusSeconds(61), NOW, "CREATIO_UNAVAILABLE");
        var answering = new GatewayStatus.Reachability(NOW, null, NOW.minusSeconds(61), "CREATIO_UNAVAILABLE");

        assertThat(verdict(AlertRules.CREATIO_UNREACHABLE, gateway(0, CLOSED, null, failingJustNow))).isEqualTo(Check.Verdict.CLEAR);
        assertThat(verdict(AlertRules.CREATIO_UNREACHABLE, gateway(0, CLOSED, null, failingLong))).isEqualTo(Check.Verdict.FIRING);
        assertThat(verdict(AlertRules.CREATIO_UNREACHABLE, gateway(0, CLOSED, null, answering))).isEqualTo(Check.Verdict.CLEAR);
        Check open = rules.get(AlertRules.CREATIO_UNREACHABLE).check(gateway(0, Map.of("creatio-batch", "open"), null, answering));
        assertThat(open.verdict()).isEqualTo(Check.Verdict.FIRING);
        assertThat(open.details()).containsEntry("open_breakers", List.of("creatio-batch"));
    }

    @Test
    void authenticationFailingFiresOnARefusedTokenRequestButNotOnAnIdentityServiceOutage() {
        var rejected = new GatewayStatus.AuthResult(false, NOW, "CREATIO_CREDENTIALS_REJECTED", "rejected", null);
        var down = new GatewayStatus.AuthResult(false, NOW, "IDENTITY_UNAVAILABLE", "down", null);
        var ok = new GatewayStatus.AuthResult(true, NOW, "OK", "token issued", NOW.plusSeconds(3600));

        assertThat(verdict(AlertRules.CREATIO_AUTH_FAILING, gateway(0, CLOSED, rejected, null))).isEqualTo(Check.Verdict.FIRING);
        assertThat(verdict(AlertRules.CREATIO_AUTH_FAILING, gateway(0, CLOSED, down, null))).isEqualTo(Check.Verdict.CLEAR);
        assertThat(verdict(AlertRules.CREATIO_AUTH_FAILING, gateway(0, CLOSED, ok, null))).isEqualTo(Check.Verdict.CLEAR);
    }

    @Test
    void withoutTheGatewayItsOwnAlertFiresAndCreatiosAreUnknownNotCleared() {
        Observations o = new Observations(NOW, null, "GATEWAY_UNREACHABLE", 0, 0, List.of());

        assertThat(verdict(AlertRules.GATEWAY_UNREACHABLE, o)).isEqualTo(Check.Verdict.FIRING);
        for (String key : List.of(AlertRules.CREATIO_AUTH_FAILING, AlertRules.CREATIO_UNREACHABLE, AlertRules.QUOTA_WARNING,
                AlertRules.QUOTA_CRITICAL)) {
            assertThat(verdict(key, o)).as(key).isEqualTo(Check.Verdict.UNKNOWN);
        }
    }

    @Test
    void syncApisOwnCountsFireDeadLettersConflictsAndFailedRuns() {
        Observations quiet = new Observations(NOW, null, "x", 0, 50, List.of());
        Observations busy = new Observations(NOW, null, "x", 1, 51,
                List.of(new Observations.FailedRun(UUID.randomUUID(), "sync_all", NOW.minusSeconds(5), "planning failed")));

        assertThat(verdict(AlertRules.DEAD_LETTERS, quiet)).isEqualTo(Check.Verdict.CLEAR);
        assertThat(verdict(AlertRules.CONFLICTS, quiet)).isEqualTo(Check.Verdict.CLEAR);
        assertThat(verdict(AlertRules.RUN_FAILED, quiet)).isEqualTo(Check.Verdict.CLEAR);
        assertThat(verdict(AlertRules.DEAD_LETTERS, busy)).isEqualTo(Check.Verdict.FIRING);
        assertThat(verdict(AlertRules.CONFLICTS, busy)).isEqualTo(Check.Verdict.FIRING);
        assertThat(rules.get(AlertRules.RUN_FAILED).check(busy).details()).containsEntry("failed_runs", 1);
    }
}
