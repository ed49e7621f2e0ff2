package com.nia.crmsync.syncapi.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Hands notifications to the configured webhook through a {@link WebhookSender} on its own thread, so the
 * evaluator never waits for it; without {@code sync-api.alerts.webhook.url} nothing is sent. Log lines name the
 * webhook by scheme, host and port only: a webhook URL often carries a secret in its path or query (Slack's do).
 */
@ApplicationScoped
public class AlertNotifier {

    private final ScheduledExecutorService executor;
    private final Optional<WebhookSender> sender;

    public AlertNotifier(AlertsConfig config) {
        AlertsConfig.Webhook webhook = config.webhook();
        Optional<URI> url = webhook.url().filter(u -> !u.isBlank()).map(u -> URI.create(u.strip()));
        if (url.isEmpty()) {
            this.executor = null;
            this.sender = Optional.empty();
            return;
        }
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "alert-webhook");
            thread.setDaemon(true);
            return thread;
        });
        HttpClient http = HttpClient.newBuilder().connectTimeout(webhook.timeout()).build();
        URI target = url.get();
        WebhookTransport transport = json -> {
            HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(webhook.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            webhook.secret().filter(s -> !s.isBlank()).ifPresent(secret -> request.header(webhook.secretHeader(), secret));
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        };
        WebhookSender.Delayer delayer = (delay, task) -> executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        this.sender = Optional.of(new WebhookSender(transport, delayer, new WebhookSender.Policy(Math.max(1, webhook.maxAttempts()),
                webhook.backoff(), webhook.maxBackoff(), Math.max(1, webhook.queueCapacity()), webhook.slack()), printable(target)));
        Log.infof("Alert notifications go to the webhook at %s", printable(target));
    }

    /** Queues a notification for the webhook, if one is configured; returns at once. */
    public void notify(AlertNotification notification) {
        if (sender.isPresent()) {
            sender.get().submit(notification);
        } else {
            Log.debugf("Alert %s %s (no webhook configured)", notification.key(), notification.status().wire());
        }
    }

    /** The webhook as log lines may show it: scheme, host and port, never the user info, path or query. */
    static String printable(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
