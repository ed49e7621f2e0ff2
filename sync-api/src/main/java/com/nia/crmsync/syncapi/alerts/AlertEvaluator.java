package com.nia.crmsync.syncapi.alerts;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Evaluates every alert rule every {@code sync-api.alerts.every}: observes (the gateway's status outside any
 * transaction), then, in one transaction under the evaluation lock, steps each key's state
 * ({@link AlertStateMachine}) and stores it; the notifications are queued for the webhook after the commit, so a
 * rolled-back round notifies nothing. A replica that does not get the lock skips the round.
 */
@ApplicationScoped
public class AlertEvaluator {

    private final AlertRules rules;
    private final AlertObserver observer;
    private final AlertStore store;
    private final AlertNotifier notifier;
    private final AlertsConfig config;

    public AlertEvaluator(AlertRules rules, AlertObserver observer, AlertStore store, AlertNotifier notifier, AlertsConfig config) {
        this.rules = rules;
        this.observer = observer;
        this.store = store;
        this.notifier = notifier;
        this.config = config;
    }

    @Scheduled(every = "${sync-api.alerts.every:30s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void scheduled() {
        try {
            evaluate();
        } catch (RuntimeException e) {
            Log.warnf("Alert evaluation failed: %s", e.toString());
        }
    }

    /** One round; the notifications it queued. */
    public List<AlertNotification> evaluate() {
        // PostgreSQL keeps microseconds: a resolved notification then carries the very started_at its firing one did
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        AlertObserver.GatewayView gateway = observer.gateway(now);
        List<AlertNotification> notifications = QuarkusTransaction.requiringNew().call(() -> step(now, gateway));
        for (AlertNotification n : notifications) {
            Log.infof("Alert %s %s: %s", n.key(), n.status().wire(), n.summary());
            notifier.notify(n);
        }
        return notifications;
    }

    private List<AlertNotification> step(Instant now, AlertObserver.GatewayView gateway) {
        if (!store.tryLock()) {
            return List.of();
        }
        Observations observations = observer.observe(now, gateway);
        Map<String, AlertState> states = store.all();
        List<AlertNotification> notifications = new ArrayList<>();
        for (AlertRule rule : rules.all()) {
            AlertState current = states.get(rule.key());
            AlertStateMachine.Step step = AlertStateMachine.step(Optional.ofNullable(current), rule, rule.check(observations), now);
            step.state().filter(s -> !s.equals(current)).ifPresent(store::save);
            step.notification().ifPresent(notifications::add);
        }
        store.purgeResolvedBefore(now.minus(config.resolvedRetention()));
        return notifications;
    }
}
