package com.nia.crmsync.syncapi.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;

import com.nia.crmsync.model.json.Json;

/**
 * The webhook's retry queue, on a recording scheduler (no real time passes): submit never delivers on the caller's
 * thread; a failure is retried after a doubling, capped back-off until it is accepted or the attempts are spent;
 * notifications leave in order; the body carries the agreed snake_case fields; log lines never show the URL's
 * credentials.
 */
class WebhookSenderTests {

    private static final Instant T0 = Instant.parse("2026-01-31T12:00:00Z");
    private static final WebhookSender.Policy POLICY = new WebhookSender.Policy(5, Duration.ofSeconds(1), Duration.ofSeconds(3), 100,
            false);

    /** Tasks the sender asked to run, with the delay it asked for; run by {@link #runAll()}. */
    private final Deque<Runnable> tasks = new ArrayDeque<>();
    private final List<Duration> delays = new ArrayList<>();
    private final WebhookSender.Delayer delayer = (delay, task) -> {
        delays.add(delay);
        tasks.addLast(task);
    };
    /** The bodies posted, in order, and what the webhook answers next (200 when nothing is scripted). */
    private final List<Map<String, Object>> posted = new ArrayList<>();
    private final Deque<Object> answers = new ArrayDeque<>();
    private final WebhookTransport transport = json -> {
        posted.add(Json.mapper().readValue(json, new TypeReference<Map<String, Object>>() {
        }));
        Object answer = answers.isEmpty() ? 200 : answers.removeFirst();
        if (answer instanceof Exception e) {
            throw e;
        }
        return (Integer) answer;
    };

    private void runAll() {
        while (!tasks.isEmpty()) {
            tasks.removeFirst().run();
        }
    }

    private static AlertNotification firing(String key) {
        return new AlertNotification(key, Severity.CRITICAL, AlertState.Status.FIRING, "Creatio unreachable",
                Map.of("last_failure_code", "CREATIO_UNAVAILABLE"), T0, null);
    }

    private static AlertNotification resolved(String key) {
        return new AlertNotification(key, Severity.CRITICAL, AlertState.Status.RESOLVED, "Creatio unreachable", Map.of(), T0,
                T0.plusSeconds(120));
    }

    @Test
    void submitOnlyQueuesTheDeliveryRunsLater() {
        WebhookSender sender = new WebhookSender(transport, delayer, POLICY, "http://hooks.example");
        sender.submit(firing("creatio_unreachable"));

        assertThat(posted).as("nothing sent on the caller's thread").isEmpty();
        assertThat(sender.waiting()).isEqualTo(1);
        runAll();
        assertThat(posted).hasSize(1);
        assertThat(sender.waiting()).isZero();
    }

    @Test
    void retriesAFailedDeliveryWithADoublingCappedBackOffUntilItIsAccepted() {
        answers.addAll(List.of(new IOException("connection refused"), 500, 503, 502));
        WebhookSender sender = new WebhookSender(transport, delayer, POLICY, "http://hooks.example");
        sender.submit(firing("creatio_unreachable"));
        runAll();

        assertThat(posted).as("four failures, then accepted").hasSize(5);
        assertThat(delays).containsExactly(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3),
                Duration.ofSeconds(3));
        assertThat(posted).allSatisfy(body -> assertThat(body).containsEntry("alert_key", "creatio_unreachable"));
        assertThat(sender.waiting()).isZero();
    }

    @Test
    void givesUpAfterTheLastAttemptAndGoesOnWithTheNextNotification() {
        for (int i = 0; i < POLICY.maxAttempts(); i++) {
            answers.add(500);
        }
        WebhookSender sender = new WebhookSender(transport, delayer, POLICY, "http://hooks.example");
        sender.submit(firing("dead_letters_growing"));
        sender.submit(firing("creatio_unreachable"));
        runAll();

        assertThat(posted).extracting(b -> b.get("alert_key")).containsExactly("dead_letters_growing", "dead_letters_growing",
                "dead_letters_growing", "dead_letters_growing", "dead_letters_growing", "creatio_unreachable");
        assertThat(sender.waiting()).isZero();
    }

    @Test
    void keepsTheOrderSoAResolvedNeverOvertakesItsFiring() {
        answers.addAll(List.of(503, 503));
        WebhookSender sender = new WebhookSender(transport, delayer, POLICY, "http://hooks.example");
        sender.submit(firing("creatio_unreachable"));
        tasks.removeFirst().run();
        sender.submit(resolved("creatio_unreachable"));
        runAll();

        assertThat(posted).extracting(b -> b.get("status")).containsExactly("firing", "firing", "firing", "resolved");
    }

    @Test
    void postsTheAgreedBodyAndASlackTextWhenAskedTo() {
        WebhookSender sender = new WebhookSender(transport, delayer,
                new WebhookSender.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(3), 100, true), "http://hooks.example");
        sender.submit(resolved("creatio_unreachable"));
        runAll();

        Map<String, Object> body = posted.get(0);
        assertThat(body).containsEntry("alert_key", "creatio_unreachable").containsEntry("severity", "critical")
                .containsEntry("status", "resolved").containsEntry("summary", "Creatio unreachable")
                .containsEntry("started_at", "2026-01-31T12:00:00Z").containsEntry("ended_at", "2026-01-31T12:02:00Z")
                .containsEntry("details", Map.of()).containsKey("text");
        assertThat((String) body.get("text")).contains("RESOLVED", "Creatio unreachable", "creatio_unreachable");
    }

    @Test
    void leavesTheSlackTextOutByDefault() {
        WebhookSender sender = new WebhookSender(transport, delayer, POLICY, "http://hooks.example");
        sender.submit(firing("creatio_unreachable"));
        runAll();

        assertThat(posted.get(0)).doesNotContainKey("text").containsEntry("status", "firing")
                .containsEntry("details", Map.of("last_failure_code", "CREATIO_UNAVAILABLE"));
    }

    @Test
    void dropsTheOldestWaitingNotificationWhenTheQueueIsFull() {
        WebhookSender sender = new WebhookSender(transport, delayer,
                new WebhookSender.Policy(3, Duration.ofSeconds(1), Duration.ofSeconds(3), 2, false), "http://hooks.example");
        sender.submit(firing("a"));
        sender.submit(firing("b"));
        sender.submit(firing("c"));
        runAll();

        assertThat(posted).extracting(b -> b.get("alert_key")).containsExactly("a", "c");
    }

    @Test
    void namesTheWebhookInLogLinesWithoutItsCredentialsPathOrQuery() {
        assertThat(AlertNotifier.printable(URI.create("https://user:pa55@hooks.slack.com/services/T000/B000/XXXXSECRET?token=abc")))
                .isEqualTo("https://hooks.slack.com");
        assertThat(AlertNotifier.printable(URI.create("http://127.0.0.1:9999/hook"))).isEqualTo("http://127.0.0.1:9999");
    }
}
