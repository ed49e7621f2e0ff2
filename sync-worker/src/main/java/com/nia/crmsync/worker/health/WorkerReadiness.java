package com.nia.crmsync.worker.health;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.consumer.Consumer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.impl.ReactiveKafkaConsumer;

import com.nia.crmsync.worker.failure.Action;
import com.nia.crmsync.worker.failure.FailureClass;
import com.nia.crmsync.worker.failure.Failures;
import com.nia.crmsync.worker.failure.WorkerCannotWork;
import com.nia.crmsync.worker.gateway.GatewayCreatioPort;
import com.nia.crmsync.worker.gateway.GatewayException;

/**
 * Whether this worker can work, and what it does when it cannot (issue 21, docs/retries.md "Whose
 * failure is it"). Readiness check {@value #NAME} ({@link DependenciesHealthCheck}) is DOWN, with the reason and without a secret, while
 * the worker's credentials, the identity provider or the gateway fail. At startup the command
 * consumers take no partition of group {@code sync-worker} before the self-check passed (a token
 * fetched and the gateway's status answered with it). At run time a failure of these dependencies holds the record
 * being handled (its partition waits, nothing is answered, dead-lettered or committed) for
 * {@link ReadinessConfig#hold()}, at once for a configuration failure; if the dependency has not come
 * back by then, both command consumers leave the group (their uncommitted records go to the healthy
 * instances) and stay out, members without partitions, until a probe passes. The probe runs with a
 * doubling back-off between {@link ReadinessConfig#probeMin()} and {@link ReadinessConfig#probeMax()}.
 */
@ApplicationScoped
public class WorkerReadiness {

    /** The readiness check's name in {@code /q/health/ready}. */
    public static final String NAME = "sync-worker-dependencies";

    private static final Set<String> COMMAND_CHANNELS = Set.of("commands-realtime-in", "commands-bulk-in");
    /** A subscription no topic matches: a member of the group that is given no partition. */
    private static final Pattern NO_TOPIC = Pattern.compile("(?!)");

    private final GatewayCreatioPort gateway;
    private final KafkaClientService kafka;
    private final ReadinessConfig config;
    private final String commandGroup;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "worker-readiness-probe");
        t.setDaemon(true);
        return t;
    });
    private final Object lock = new Object();
    /** The command channels whose consumer is switched to {@link #NO_TOPIC} (guarded by {@link #lock}). */
    private final Set<String> switchedOut = new HashSet<>();
    private String reason;
    private boolean selfChecked;
    private boolean left;
    private boolean probing;
    private boolean stopping;
    private Duration backoff;

    public WorkerReadiness(GatewayCreatioPort gateway, KafkaClientService kafka, ReadinessConfig config, MeterRegistry registry,
            @ConfigProperty(name = "mp.messaging.incoming.commands-realtime-in.group.id", defaultValue = "sync-worker") String commandGroup) {
        this.gateway = gateway;
        this.kafka = kafka;
        this.config = config;
        this.commandGroup = commandGroup;
        this.backoff = config.probeMin();
        this.selfChecked = !config.selfCheck();
        this.reason = config.selfCheck() ? "startup self-check not passed yet" : null;
        Gauge.builder("crmsync.worker.ready", this, r -> r.ready() ? 1 : 0)
                .description("1 while this worker can work and takes commands, 0 while it reports not ready").register(registry);
    }

    void onStart(@Observes StartupEvent event) {
        if (config.selfCheck()) {
            synchronized (lock) {
                probing = true;
            }
            prober.execute(this::probe);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        synchronized (lock) {
            stopping = true;
            lock.notifyAll();
        }
        prober.shutdownNow();
    }

    /**
     * Called by the Kafka connector on a consumer's polling thread when it created a consumer (the
     * application's start waits for it, so nothing may block here). A command consumer created before the
     * startup self-check passed is switched to a subscription that matches no topic as soon as the connector
     * has subscribed it; a record it may be given before waits in {@link #awaitReady(String)} until the check
     * passed (then it is handled) or the switch revoked its partition, so it takes no work before the check passed.
     */
    void onConsumerCreated(@Observes Consumer<?, ?> consumer) {
        String group;
        try {
            group = consumer.groupMetadata().groupId();
        } catch (RuntimeException noGroup) {
            return;
        }
        if (commandGroup.equals(group)) {
            prober.execute(this::leaveUntilSelfChecked);
        }
    }

    void leaveUntilSelfChecked() {
        synchronized (lock) {
            if (selfChecked || stopping) {
                return;
            }
            leave();
        }
    }

    /** The readiness check's answer ({@link DependenciesHealthCheck}). */
    HealthCheckResponse check() {
        synchronized (lock) {
            HealthCheckResponseBuilder check = HealthCheckResponse.named(NAME).status(reason == null)
                    .withData("taking_work", reason == null && !left);
            if (reason != null) {
                check.withData("reason", reason);
            }
            return check.build();
        }
    }

    /** Whether the worker can work now. */
    public boolean ready() {
        synchronized (lock) {
            return reason == null && !left;
        }
    }

    /**
     * Waits until the worker can work, for a record of {@code channel} that was delivered: true at once
     * when it can; otherwise (another record is held) up to {@link ReadinessConfig#hold()}, leaving the
     * group when that passes. False only once {@code channel}'s consumer has left the group (its
     * partitions revoked, so the record, left unacknowledged, goes to another instance) or the worker
     * stops. Never false while the partition is still this instance's: the commit strategy tracks every
     * delivered record, and one neither acknowledged nor revoked would fail the channel after
     * {@code throttled.unprocessed-record-max-age.ms} — which is what happened to records delivered
     * between the consumer's first assignment and its switch-out at startup.
     */
    public boolean awaitReady(String channel) {
        boolean held;
        synchronized (lock) {
            if (reason == null && !left) {
                return true;
            }
            held = !left && !stopping;
        }
        if (held && waitOrLeave(config.hold())) {
            return true;
        }
        return awaitRevokedOrReady(channel);
    }

    /**
     * A record of {@code channel} failed because the worker cannot work: reports not ready with the
     * reason, starts the probe, and holds the record until the dependency is back (true: handle it
     * again) or the hold is over — at once for a configuration failure — and the channel's consumer
     * has left the group (false: leave the record unacknowledged; it is no longer this instance's).
     */
    public boolean hold(WorkerCannotWork failure, String channel) {
        Failures.Verdict verdict = failure.verdict();
        synchronized (lock) {
            if (reason == null) {
                Log.warnf("Not ready: %s (%s); records are held, neither answered nor dead-lettered", verdict.reason(),
                        verdict.failureClass());
            }
            reason = verdict.reason();
            startProbing();
        }
        return waitOrLeave(verdict.failureClass() == FailureClass.CONFIGURATION ? Duration.ZERO : config.hold())
                || awaitRevokedOrReady(channel);
    }

    /** After the worker left the group: true when it can work again first, false once {@code channel} is switched out. */
    private boolean awaitRevokedOrReady(String channel) {
        synchronized (lock) {
            while (true) {
                if (reason == null && !left) {
                    return true;
                }
                if (stopping || switchedOut.contains(channel)) {
                    return false;
                }
                try {
                    lock.wait(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
    }

    private boolean waitOrLeave(Duration hold) {
        long until = System.nanoTime() + hold.toNanos();
        synchronized (lock) {
            while (reason != null && !left && !stopping) {
                long remaining = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                if (remaining <= 0) {
                    leave();
                    return false;
                }
                try {
                    lock.wait(Math.min(remaining, 1_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return reason == null && !left && !stopping;
        }
    }

    private void startProbing() {
        if (!probing && !stopping) {
            probing = true;
            prober.schedule(this::probe, backoff.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** What the probe checks: a token issued and the gateway's status answered with it. */
    void probeDependencies() {
        gateway.probe();
    }

    private void probe() {
        String failed;
        try {
            probeDependencies();
            recovered();
            return;
        } catch (WorkerCannotWork e) {
            failed = e.verdict().reason();
        } catch (GatewayException e) {
            failed = "the gateway's status answers " + e.code() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            Failures.Verdict verdict = Failures.of(e);
            failed = verdict.action() == Action.STOP_TAKING_WORK ? verdict.reason()
                    : "the readiness probe failed: " + e.getClass().getSimpleName();
        }
        synchronized (lock) {
            if (stopping) {
                return;
            }
            String now = selfChecked ? failed : "startup self-check: " + failed;
            if (!now.equals(reason)) {
                Log.warnf("Not ready: %s; probing again with a back-off of up to %s", now, config.probeMax());
            }
            reason = now;
            prober.schedule(this::probe, backoff.toMillis(), TimeUnit.MILLISECONDS);
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(config.probeMax()) > 0 ? config.probeMax() : doubled;
        }
    }

    private void recovered() {
        synchronized (lock) {
            if (!selfChecked) {
                Log.info("Startup self-check passed: a token was issued and the gateway answered; joining the consumer group");
            } else {
                Log.infof("Ready again: the probe passed%s", left ? "; rejoining the consumer group" : "");
            }
            if (left) {
                rejoin();
            }
            reason = null;
            selfChecked = true;
            left = false;
            probing = false;
            backoff = config.probeMin();
            lock.notifyAll();
        }
    }

    /**
     * Both command consumers leave the group (committing what was acknowledged) and stay in it without
     * partitions: each is switched to a subscription that matches no topic once the connector has
     * subscribed it (at startup that may be a moment later; until then records are not handled either).
     */
    private void leave() {
        if (left) {
            return;
        }
        left = true;
        if (selfChecked) {
            Log.warnf("Leaving consumer group %s: this instance cannot work (%s); its uncommitted records go to the other instances",
                    commandGroup, reason);
        } else {
            Log.infof("Consumer group %s: partitions are taken once the startup self-check passes", commandGroup);
        }
        for (String channel : COMMAND_CHANNELS) {
            switchOut(channel);
        }
    }

    private void switchOut(String channel) {
        ReactiveKafkaConsumer<?, ?> consumer = consumer(channel);
        if (consumer == null) {
            retrySwitchOut(channel);
            return;
        }
        consumer.runOnPollingThread(c -> {
            synchronized (lock) {
                if (!left || switchedOut.contains(channel)) {
                    return true;
                }
                if (c.subscription().isEmpty()) {
                    return false;
                }
                c.unsubscribe();
                c.subscribe(NO_TOPIC, consumer.getRebalanceListener());
                switchedOut.add(channel);
                lock.notifyAll();
                return true;
            }
        }).subscribe().with(done -> {
            if (!done) {
                retrySwitchOut(channel);
            }
        }, e -> Log.warnf(e, "Consumer of %s could not leave the group", channel));
    }

    private void retrySwitchOut(String channel) {
        if (!stopping) {
            prober.schedule(() -> {
                synchronized (lock) {
                    if (left && !stopping) {
                        switchOut(channel);
                    }
                }
            }, 100, TimeUnit.MILLISECONDS);
        }
    }

    private void rejoin() {
        for (String channel : COMMAND_CHANNELS) {
            ReactiveKafkaConsumer<?, ?> consumer = consumer(channel);
            if (consumer == null || !switchedOut.remove(channel)) {
                continue;
            }
            Set<String> subscribed = Set.of(ConfigProvider.getConfig().getValue("mp.messaging.incoming." + channel + ".topic",
                    String.class));
            consumer.runOnPollingThread(c -> {
                c.unsubscribe();
                c.subscribe(subscribed, consumer.getRebalanceListener());
            }).subscribe().with(done -> { }, e -> Log.warnf(e, "Consumer of %s could not rejoin the group", channel));
        }
    }

    private ReactiveKafkaConsumer<?, ?> consumer(String channel) {
        try {
            KafkaConsumer<Object, Object> consumer = kafka.getConsumer(channel);
            return consumer instanceof ReactiveKafkaConsumer<?, ?> reactive ? reactive : null;
        } catch (RuntimeException notYet) {
            return null;
        }
    }
}
