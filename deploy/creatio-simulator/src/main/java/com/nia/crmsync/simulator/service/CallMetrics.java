package com.nia.crmsync.simulator.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.simulator.config.SimulatorConfig;

/**
 * What tests assert on: calls per endpoint group and status, calls in flight (current and peak),
 * the daily API quota Creatio counts (each {@code $batch} sub-request is one call, reset at 00:00
 * UTC of the simulator clock), and a bounded log of recent requests.
 */
@ApplicationScoped
public class CallMetrics {

    /**
     * One line of the request log; {@code columns} are the sorted top-level property names of an
     * OData write's JSON body (names only, never values), null for reads, deletes and other groups.
     */
    public record LoggedRequest(Instant at, String group, String method, String path, String query, int status,
            long durationMs, List<String> columns) {
    }

    /** The quota settings and state, also the body of {@code GET/PUT /sim/quota}. */
    public record Quota(Long limit, Long used, Boolean enforce, Integer exhaustedStatus, LocalDate day) {
    }

    private final SimClock clock;
    private final SimulatorConfig.Quota quotaDefaults;
    private final int logSize;
    private final Map<String, Map<Integer, LongAdder>> calls = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakInFlight = new AtomicInteger();
    private final ConcurrentLinkedDeque<LoggedRequest> log = new ConcurrentLinkedDeque<>();
    private final AtomicInteger logCount = new AtomicInteger();
    private final AtomicLong quotaUsed = new AtomicLong();
    private volatile LocalDate quotaDay;
    private volatile long quotaLimit;
    private volatile boolean quotaEnforced;
    private volatile int quotaStatus;

    public CallMetrics(SimClock clock, SimulatorConfig config) {
        this.clock = clock;
        this.quotaDefaults = config.quota();
        this.logSize = config.control().requestLogSize();
        reset();
    }

    public void started() {
        int now = inFlight.incrementAndGet();
        peakInFlight.accumulateAndGet(now, Math::max);
    }

    public void finished() {
        inFlight.decrementAndGet();
    }

    /** Counts and logs one request (or one {@code $batch} sub-request) with the columns a write carried, or null. */
    public void record(String group, String method, String path, String query, int status, long durationMs,
            List<String> columns) {
        calls.computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                .computeIfAbsent(status, s -> new LongAdder())
                .increment();
        log.addLast(new LoggedRequest(clock.now(), group, method, path, query, status, durationMs, columns));
        if (logCount.incrementAndGet() > logSize) {
            log.pollFirst();
            logCount.decrementAndGet();
        }
    }

    /**
     * Counts {@code calls} API calls against today's quota.
     *
     * @return {@code true} if the quota was already exhausted and is enforced, so the call must be refused
     */
    public boolean chargeQuota(int callCount) {
        rollQuotaDay();
        long before = quotaUsed.getAndAdd(callCount);
        return quotaEnforced && before >= quotaLimit;
    }

    public int quotaExhaustedStatus() {
        return quotaStatus;
    }

    public Quota quota() {
        rollQuotaDay();
        return new Quota(quotaLimit, quotaUsed.get(), quotaEnforced, quotaStatus, quotaDay);
    }

    public synchronized Quota updateQuota(Quota change) {
        rollQuotaDay();
        if (change.limit() != null) {
            quotaLimit = change.limit();
        }
        if (change.used() != null) {
            quotaUsed.set(change.used());
        }
        if (change.enforce() != null) {
            quotaEnforced = change.enforce();
        }
        if (change.exhaustedStatus() != null) {
            quotaStatus = change.exhaustedStatus();
        }
        return quota();
    }

    /** Calls per group and status, e.g. {@code {"odata":{"200":12,"401":1}}}. */
    public Map<String, Map<Integer, Long>> calls() {
        Map<String, Map<Integer, Long>> snapshot = new TreeMap<>();
        calls.forEach((group, byStatus) -> {
            Map<Integer, Long> counts = new TreeMap<>();
            byStatus.forEach((status, adder) -> counts.put(status, adder.sum()));
            snapshot.put(group, counts);
        });
        return snapshot;
    }

    public int inFlight() {
        return inFlight.get();
    }

    public int peakInFlight() {
        return peakInFlight.get();
    }

    /** The newest {@code limit} requests, oldest first. */
    public List<LoggedRequest> recent(int limit) {
        List<LoggedRequest> all = new ArrayList<>(log);
        return all.subList(Math.max(0, all.size() - limit), all.size());
    }

    /** Clears counters, the log and the peak; the in-flight gauge stays true to what is running. */
    public void clearCounters() {
        calls.clear();
        log.clear();
        logCount.set(0);
        peakInFlight.set(inFlight.get());
    }

    public synchronized void reset() {
        clearCounters();
        quotaUsed.set(0);
        quotaDay = today();
        quotaLimit = quotaDefaults.dailyLimit();
        quotaEnforced = quotaDefaults.enforce();
        quotaStatus = quotaDefaults.exhaustedStatus();
    }

    private void rollQuotaDay() {
        LocalDate today = today();
        if (!today.equals(quotaDay)) {
            synchronized (this) {
                if (!today.equals(quotaDay)) {
                    quotaDay = today;
                    quotaUsed.set(0);
                }
            }
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.now(), ZoneOffset.UTC);
    }
}
