package com.nia.crmsync.syncapi.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * The life of one alert key, as a pure function: a clear alert that starts firing is notified once; while it keeps
 * firing nothing is sent (its details follow the latest evaluation); when it clears, one resolved notification is
 * sent and the key is re-armed, so the next firing is a new episode and notified again. An unknown verdict changes
 * nothing.
 */
public final class AlertStateMachine {

    private AlertStateMachine() {
    }

    /** The state after one evaluation and the notification it causes, if any. */
    public record Step(Optional<AlertState> state, Optional<AlertNotification> notification) {
    }

    /** One evaluation of {@code rule} with verdict {@code check} at {@code now}, from {@code current} (empty: never fired). */
    public static Step step(Optional<AlertState> current, AlertRule rule, Check check, Instant now) {
        boolean wasFiring = current.map(AlertState::firing).orElse(false);
        switch (check.verdict()) {
            case FIRING -> {
                if (wasFiring) {
                    AlertState s = current.get();
                    return new Step(Optional.of(new AlertState(s.key(), s.severity(), s.summary(), check.details(), s.status(),
                            s.startedAt(), null, s.lastNotifiedAt())), Optional.empty());
                }
                AlertState fired = new AlertState(rule.key(), rule.severity(), rule.summary(), check.details(), AlertState.Status.FIRING,
                        now, null, now);
                return new Step(Optional.of(fired), Optional.of(AlertNotification.of(fired)));
            }
            case CLEAR -> {
                if (!wasFiring) {
                    return new Step(current, Optional.empty());
                }
                AlertState s = current.get();
                AlertState resolved = new AlertState(s.key(), s.severity(), s.summary(), s.details(), AlertState.Status.RESOLVED,
                        s.startedAt(), now, now);
                return new Step(Optional.of(resolved), Optional.of(AlertNotification.of(resolved)));
            }
            default -> {
                return new Step(current, Optional.empty());
            }
        }
    }
}
