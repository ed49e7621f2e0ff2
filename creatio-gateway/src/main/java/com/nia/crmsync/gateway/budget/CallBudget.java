package com.nia.crmsync.gateway.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.runtime.Startup;

import com.nia.crmsync.gateway.config.GatewayConfig;
import com.nia.crmsync.gateway.failure.CreatioTransientException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.metrics.GatewayMetrics;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.GatewayStatus;

/**
 * Decides when a Creatio call may start: a token bucket ({@code rate-per-second}, {@code burst}),
 * at most {@code max-concurrency} calls in flight, a pause while Creatio asks for one (429/503
 * {@code Retry-After}, timeouts), and two priority classes — a bulk call starts only when no
 * real-time call is waiting, so bulk work can never starve real-time work; within a class calls
 * start in arrival order. Once a call may start, its calls are taken from the persisted daily
 * quota ({@link QuotaStore}), up to the lane's share (bulk stops first, real-time last). Nothing
 * waits forever: past its lane's longest wait, or when the quota share is spent, a call is
 * refused at once with {@link BudgetExhaustedException} telling when to come back. The rate and
 * concurrency hold per replica; the quota holds for all of them.
 */
@Startup
@ApplicationScoped
public class CallBudget {

    private static final int RECENT_STARTS = 2_000;
    private static final Duration EXHAUSTED_RECHECK = Duration.ofSeconds(10);

    /** A granted call; closing it frees its concurrency slot. */
    public final class Permit implements AutoCloseable {
        private boolean closed;

        @Override
        public void close() {
            synchronized (lock) {
                if (!closed) {
                    closed = true;
                    inFlight--;
                    lock.notifyAll();
                }
            }
        }
    }

    private final GatewayConfig.Budget config;
    private final QuotaStore quota;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Object lock = new Object();
    private final ArrayDeque<Long> realtimeQueue = new ArrayDeque<>();
    private final ArrayDeque<Long> bulkQueue = new ArrayDeque<>();
    private final ArrayDeque<Start> recentStarts = new ArrayDeque<>();
    private final AtomicLong quotaUsed = new AtomicLong(-1);
    private long nextTicket;
    private double tokens;
    private long lastRefill = System.nanoTime();
    private int inFlight;
    private long pausedUntil = System.nanoTime();
    private volatile Instant bulkRefusedUntil = Instant.EPOCH;
    private volatile Instant realtimeRefusedUntil = Instant.EPOCH;

    public CallBudget(GatewayConfig config, QuotaStore quota, GatewayMetrics metrics) {
        this.config = config.budget();
        this.quota = quota;
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
        this.tokens = this.config.burst();
        metrics.gauge("creatio.budget.queue", "Calls waiting for the budget", () -> queueLength(Lane.REALTIME), "lane", "realtime");
        metrics.gauge("creatio.budget.queue", "Calls waiting for the budget", () -> queueLength(Lane.BULK), "lane", "bulk");
        metrics.gauge("creatio.budget.in.flight", "Creatio calls in flight", this::inFlight);
        metrics.gauge("creatio.quota.used", "Creatio calls used today (all replicas)", () -> Math.max(0, quotaUsed.get()));
        metrics.gauge("creatio.quota.limit", "The day's Creatio call quota", this.config::dailyQuota);
        metrics.gauge("creatio.quota.remaining", "Creatio calls left today before the real-time stop",
                () -> Math.max(0, ceiling(Lane.REALTIME) - Math.max(0, quotaUsed.get())));
    }

    /**
     * Waits for this lane's turn and takes {@code calls} from the daily quota ({@code $batch}
     * sub-requests count one each). Throws {@link BudgetExhaustedException} instead of waiting
     * longer than the lane allows.
     */
    public Permit acquire(Lane lane, int calls) {
        Instant refusedUntil = lane == Lane.BULK ? bulkRefusedUntil : realtimeRefusedUntil;
        if (clock.instant().isBefore(refusedUntil)) {
            metrics.budgetRefused(lane, "quota");
            throw quotaSpent(lane);
        }
        long start = System.nanoTime();
        long deadline = start + maxWait(lane).toNanos();
        synchronized (lock) {
            long ticket = nextTicket++;
            ArrayDeque<Long> queue = lane == Lane.REALTIME ? realtimeQueue : bulkQueue;
            queue.addLast(ticket);
            try {
                while (true) {
                    long now = System.nanoTime();
                    refill(now);
                    if (pausedUntil - now > 0 && pausedUntil - deadline > 0) {
                        metrics.budgetRefused(lane, "paused");
                        throw new BudgetExhaustedException("Creatio asked for a pause", Duration.ofNanos(pausedUntil - now).plusMillis(999));
                    }
                    boolean myTurn = queue.peekFirst() == ticket && (lane == Lane.REALTIME || realtimeQueue.isEmpty());
                    long waitNanos;
                    if (pausedUntil - now > 0) {
                        waitNanos = pausedUntil - now;
                    } else if (myTurn && inFlight < config.maxConcurrency() && tokens >= 1) {
                        tokens -= 1;
                        inFlight++;
                        recordStart(lane);
                        break;
                    } else if (myTurn && inFlight < config.maxConcurrency()) {
                        waitNanos = (long) ((1 - tokens) / config.ratePerSecond() * 1e9);
                    } else {
                        waitNanos = deadline - now;
                    }
                    if (deadline - now <= 0) {
                        metrics.budgetRefused(lane, "wait");
                        throw new BudgetExhaustedException("no turn within " + maxWait(lane).toSeconds() + " s", Duration.ofSeconds(1));
                    }
                    long sleep = Math.max(1_000_000L, Math.min(waitNanos, deadline - now));
                    lock.wait(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CreatioTransientException(ErrorCode.CREATIO_TIMEOUT, 0, "interrupted while waiting for the call budget", null);
            } finally {
                queue.remove(ticket);
                lock.notifyAll();
            }
        }
        metrics.budgetWait(lane, Duration.ofNanos(System.nanoTime() - start));
        Permit permit = new Permit();
        try {
            takeQuota(lane, calls);
        } catch (RuntimeException e) {
            permit.close();
            throw e;
        }
        return permit;
    }

    /** Creatio asked for a pause (429/503 {@code Retry-After}) or timed out: no call starts before it ends. */
    public void pause(Duration pause) {
        synchronized (lock) {
            long until = System.nanoTime() + pause.toNanos();
            if (until - pausedUntil > 0) {
                pausedUntil = until;
                Log.infof("Creatio calls paused for %d ms", pause.toMillis());
            }
            lock.notifyAll();
        }
    }

    /** The configured pause after a 429/503/timeout that named none. */
    public Duration defaultPause() {
        return config.backoffPause();
    }

    /** Calls waiting in a lane. */
    public int queueLength(Lane lane) {
        synchronized (lock) {
            return lane == Lane.REALTIME ? realtimeQueue.size() : bulkQueue.size();
        }
    }

    public int inFlight() {
        synchronized (lock) {
            return inFlight;
        }
    }

    /** A call allowed to start: when, and in which lane. */
    public record Start(Instant at, Lane lane) {
    }

    /** The most recent calls allowed to start, oldest first (at most 2,000): the budget's own record of its rate. */
    public List<Start> recentStarts() {
        synchronized (lock) {
            return new ArrayList<>(recentStarts);
        }
    }

    /** Calls used today and the two stop points, read from the shared store. */
    public GatewayStatus.Quota quota() {
        long used = quota.usedToday();
        quotaUsed.set(used);
        return new GatewayStatus.Quota(quota.today(), used, config.dailyQuota(), ceiling(Lane.BULK), ceiling(Lane.REALTIME),
                Math.max(0, ceiling(Lane.REALTIME) - used));
    }

    /** Forgets pauses, refusals and start times (tests; an operator after correcting the quota). */
    public void reset() {
        synchronized (lock) {
            pausedUntil = System.nanoTime();
            tokens = config.burst();
            recentStarts.clear();
            bulkRefusedUntil = Instant.EPOCH;
            realtimeRefusedUntil = Instant.EPOCH;
            lock.notifyAll();
        }
    }

    private void takeQuota(Lane lane, int calls) {
        OptionalLong total = quota.reserve(calls, ceiling(lane));
        if (total.isPresent()) {
            quotaUsed.set(total.getAsLong());
            return;
        }
        Instant recheck = clock.instant().plus(EXHAUSTED_RECHECK);
        if (lane == Lane.REALTIME) {
            realtimeRefusedUntil = recheck;
        }
        bulkRefusedUntil = recheck;
        metrics.budgetRefused(lane, "quota");
        throw quotaSpent(lane);
    }

    private BudgetExhaustedException quotaSpent(Lane lane) {
        Instant now = clock.instant();
        Instant midnight = LocalDate.now(clock.withZone(ZoneOffset.UTC)).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        return new BudgetExhaustedException("daily quota share of the " + lane.wire() + " lane spent", Duration.between(now, midnight));
    }

    private long ceiling(Lane lane) {
        double share = lane == Lane.BULK ? config.bulkStopShare() : config.realtimeStopShare();
        return (long) Math.floor(config.dailyQuota() * share);
    }

    private Duration maxWait(Lane lane) {
        return lane == Lane.REALTIME ? config.realtimeMaxWait() : config.bulkMaxWait();
    }

    private void refill(long now) {
        double added = (now - lastRefill) / 1e9 * config.ratePerSecond();
        tokens = Math.min(config.burst(), tokens + added);
        lastRefill = now;
    }

    private void recordStart(Lane lane) {
        recentStarts.addLast(new Start(clock.instant(), lane));
        if (recentStarts.size() > RECENT_STARTS) {
            recentStarts.removeFirst();
        }
    }
}
