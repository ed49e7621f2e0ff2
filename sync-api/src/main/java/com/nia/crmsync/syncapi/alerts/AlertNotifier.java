package com.nia.crmsync.syncapi.alerts;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.RestClientBuilder;

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
        URI target = url.get();
        RestClientBuilder builder = RestClientBuilder.newBuilder().baseUri(target)
                .connectTimeout(webhook.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(webhook.timeout().toMillis(), TimeUnit.MILLISECONDS)
                // a non-2xx answer is a status to retry on, not an exception
                .property("microprofile.rest.client.disable.default.mapper", true);
        webhook.secret().filter(s -> !s.isBlank()).ifPresent(secret -> builder.register(
                (ClientRequestFilter) request -> request.getHeaders().putSingle(webhook.secretHeader(), secret)));
        WebhookRestClient client = builder.build(WebhookRestClient.class);
        WebhookTransport transport = json -> {
            try (Response response = client.post(json)) {
                return response.getStatus();
            }
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
