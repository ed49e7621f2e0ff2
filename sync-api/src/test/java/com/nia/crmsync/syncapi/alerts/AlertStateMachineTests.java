package com.nia.crmsync.syncapi.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/**
 * The life of an alert key: notified once when it fires, never again while it keeps firing, once when it clears,
 * and re-armed by the clearing; an unknown verdict changes nothing; keys are independent.
 */
class AlertStateMachineTests {

    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    private static final AlertRule UNREACHABLE = new AlertRule("creatio_unreachable", Severity.CRITICAL, "Creatio unreachable", o -> null);
    private static final AlertRule QUOTA = new AlertRule("creatio_quota_warning", Severity.WARNING, "Quota at 75 %", o -> null);

    /** The states by key and every notification sent so far: what the evaluator keeps. */
    private final Map<String, AlertState> states = new HashMap<>();
    private final List<AlertNotification> sent = new ArrayList<>();

    private void round(AlertRule rule, Check check, Instant at) {
        AlertStateMachine.Step step = AlertStateMachine.step(Optional.ofNullable(states.get(rule.key())), rule, check, at);
        step.state().ifPresent(s -> states.put(rule.key(), s));
        step.notification().ifPresent(sent::add);
    }

    @Test
    void notifiesOnceWhenAnAlertStartsFiring() {
        round(UNREACHABLE, Check.firing(Map.of("last_failure_code", "CREATIO_UNAVAILABLE")), T0);

        assertThat(sent).singleElement().satisfies(n -> {
            assertThat(n.key()).isEqualTo("creatio_unreachable");
            assertThat(n.status()).isEqualTo(AlertState.Status.FIRING);
            assertThat(n.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(n.summary()).isEqualTo("Creatio unreachable");
            assertThat(n.details()).containsEntry("last_failure_code", "CREATIO_UNAVAILABLE");
            assertThat(n.startedAt()).isEqualTo(T0);
            assertThat(n.endedAt()).isNull();
        });
        assertThat(states.get("creatio_unreachable").lastNotifiedAt()).isEqualTo(T0);
    }

    @Test
    void sendsNothingMoreWhileItKeepsFiringButKeepsTheLatestDetails() {
        round(UNREACHABLE, Check.firing(Map.of("n", 1)), T0);
        for (int i = 2; i <= 10; i++) {
            round(UNREACHABLE, Check.firing(Map.of("n", i)), T0.plusSeconds(i));
        }

        assertThat(sent).hasSize(1);
        AlertState state = states.get("creatio_unreachable");
        assertThat(state.firing()).isTrue();
        assertThat(state.startedAt()).isEqualTo(T0);
        assertThat(state.lastNotifiedAt()).isEqualTo(T0);
        assertThat(state.details()).containsEntry("n", 10);
    }

    @Test
    void notifiesOnceWhenItClears() {
        round(UNREACHABLE, Check.firing(Map.of()), T0);
        round(UNREACHABLE, Check.clear(), T0.plusSeconds(60));
        round(UNREACHABLE, Check.clear(), T0.plusSeconds(90));
        round(UNREACHABLE, Check.clear(), T0.plusSeconds(120));

        assertThat(sent).hasSize(2);
        AlertNotification resolved = sent.get(1);
        assertThat(resolved.status()).isEqualTo(AlertState.Status.RESOLVED);
        assertThat(resolved.startedAt()).isEqualTo(T0);
        assertThat(resolved.endedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(states.get("creatio_unreachable").firing()).isFalse();
    }

    @Test
    void isReArmedByClearingSoTheNextFiringIsNotifiedAsANewEpisode() {
        round(UNREACHABLE, Check.firing(Map.of()), T0);
        round(UNREACHABLE, Check.clear(), T0.plusSeconds(60));
        round(UNREACHABLE, Check.firing(Map.of()), T0.plusSeconds(300));
        round(UNREACHABLE, Check.firing(Map.of()), T0.plusSeconds(330));

        assertThat(sent).extracting(AlertNotification::status)
                .containsExactly(AlertState.Status.FIRING, AlertState.Status.RESOLVED, AlertState.Status.FIRING);
        assertThat(sent.get(2).startedAt()).isEqualTo(T0.plusSeconds(300));
        assertThat(sent.get(2).endedAt()).isNull();
    }

    @Test
    void neverNotifiesAClearThatNeverFired() {
        round(UNREACHABLE, Check.clear(), T0);
        round(UNREACHABLE, Check.clear(), T0.plusSeconds(30));

        assertThat(sent).isEmpty();
        assertThat(states).isEmpty();
    }

    @Test
    void anUnknownVerdictNeitherFiresNorClears() {
        round(UNREACHABLE, Check.unknown(), T0);
        assertThat(sent).isEmpty();

        round(UNREACHABLE, Check.firing(Map.of()), T0.plusSeconds(30));
        round(UNREACHABLE, Check.unknown(), T0.plusSeconds(60));

        assertThat(sent).hasSize(1);
        assertThat(states.get("creatio_unreachable").firing()).isTrue();
    }

    @Test
    void deduplicatesPerKeyEachKeyOnItsOwn() {
        for (int i = 0; i < 5; i++) {
            round(UNREACHABLE, Check.firing(Map.of()), T0.plusSeconds(i));
            round(QUOTA, Check.firing(Map.of("used", 7600)), T0.plusSeconds(i));
        }
        round(QUOTA, Check.clear(), T0.plusSeconds(10));
        round(UNREACHABLE, Check.firing(Map.of()), T0.plusSeconds(10));

        assertThat(sent).extracting(n -> n.key() + " " + n.status().wire()).containsExactly("creatio_unreachable firing",
                "creatio_quota_warning firing", "creatio_quota_warning resolved");
    }
}
