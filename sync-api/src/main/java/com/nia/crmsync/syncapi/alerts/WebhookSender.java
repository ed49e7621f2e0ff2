package com.nia.crmsync.syncapi.alerts;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.syncapi.planning.Backoff;

/**
 * A small retry queue in front of the webhook: {@link #submit} only enqueues (the evaluator never waits for the
 * webhook); one delivery at a time, in order, so a key's resolved notification never overtakes its firing one. A
 * failed attempt (no answer, or a status other than 2xx) is retried after {@code backoff}, doubled each time up to
 * {@code maxBackoff}, until {@code maxAttempts}; then the notification is given up with a WARN line. Past
 * {@code capacity} waiting notifications the oldest is dropped.
 */
public class WebhookSender {

    /** Runs a task after a delay (a scheduled executor in production, a recording one in tests). */
    @FunctionalInterface
    public interface Delayer {
        void after(Duration delay, Runnable task);
    }

    /** How deliveries are retried. */
    public record Policy(int maxAttempts, Duration backoff, Duration maxBackoff, int capacity, boolean slack) {
    }

    private final WebhookTransport transport;
    private final Delayer delayer;
    private final Policy policy;
    private final String target;
    private final Deque<Pending> queue = new ArrayDeque<>();
    private boolean draining;

    /** {@code target} names the webhook in log lines (never its credentials). */
    public WebhookSender(WebhookTransport transport, Delayer delayer, Policy policy, String target) {
        this.transport = transport;
        this.delayer = delayer;
        this.policy = policy;
        this.target = target;
    }

    /** Queues a notification; returns at once. */
    public void submit(AlertNotification notification) {
        synchronized (queue) {
            if (queue.size() >= policy.capacity()) {
                Pending dropped = queue.size() > 1 ? removeSecond() : queue.removeFirst();
                Log.warnf("Alert webhook %s: queue full, dropped %s %s", target, dropped.notification.key(),
                        dropped.notification.status().wire());
            }
            queue.addLast(new Pending(notification));
            if (!draining) {
                draining = true;
                delayer.after(Duration.ZERO, this::deliverHead);
            }
        }
    }

    /** Notifications waiting (tests, and the list's view of a stuck webhook). */
    public int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** The wait after {@code attempt} failed attempts: backoff × 2^(attempt−1), capped (the sync's {@link Backoff} ceilings). */
    static Duration backoff(Policy policy, int attempt) {
        return Backoff.ceiling(attempt, policy.backoff(), policy.maxBackoff());
    }

    private Pending removeSecond() {
        // the head may be in flight; the oldest one not in flight is the second
        Pending head = queue.removeFirst();
        Pending second = queue.removeFirst();
        queue.addFirst(head);
        return second;
    }

    private void deliverHead() {
        Pending head;
        synchronized (queue) {
            head = queue.peekFirst();
            if (head == null) {
                draining = false;
                return;
            }
        }
        head.attempts++;
        String failure = attempt(head.notification);
        synchronized (queue) {
            if (failure == null || head.attempts >= policy.maxAttempts()) {
                queue.remove(head);
                if (failure != null) {
                    Log.warnf("Alert webhook %s: gave up %s %s after %d attempts (%s)", target, head.notification.key(),
                            head.notification.status().wire(), head.attempts, failure);
                }
                if (queue.isEmpty()) {
                    draining = false;
                } else {
                    delayer.after(Duration.ZERO, this::deliverHead);
                }
                return;
            }
        }
        Duration wait = backoff(policy, head.attempts);
        Log.infof("Alert webhook %s: %s %s attempt %d failed (%s); retry in %d ms", target, head.notification.key(),
                head.notification.status().wire(), head.attempts, failure, wait.toMillis());
        delayer.after(wait, this::deliverHead);
    }

    /** One attempt; null when delivered, else what went wrong. */
    private String attempt(AlertNotification notification) {
        try {
            int status = transport.post(Json.write(WebhookPayload.of(notification, policy.slack())));
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private static final class Pending {
        private final AlertNotification notification;
        private int attempts;

        private Pending(AlertNotification notification) {
            this.notification = notification;
        }
    }
}
