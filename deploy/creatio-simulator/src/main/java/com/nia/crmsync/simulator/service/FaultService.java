package com.nia.crmsync.simulator.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

/**
 * Holds the fault rules and decides, per request, which fire. Waiting happens on the request's
 * worker thread, which is what a slow or hung server looks like to a client.
 */
@ApplicationScoped
public class FaultService {

    static final Set<String> GROUPS = Set.of("identity", "metadata", "odata", "batch", "any");
    static final Set<String> ACTIONS = Set.of("error", "throttle", "latency", "hang", "commit-then-delay", "down");

    /** What the matching rules decided for one request. */
    public static final class Outcome {
        /** Status to answer instead of serving, or {@code null} to serve. */
        public Integer status;
        public Integer retryAfterSeconds;
        public boolean down;
        public long waitAfterMs;
        public String ruleId;
    }

    private final List<FaultRule> rules = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> remaining = new ConcurrentHashMap<>();
    private final Map<String, java.util.Random> seeded = new ConcurrentHashMap<>();

    public FaultRule add(FaultRule rule) {
        String group = rule.group() == null ? "any" : rule.group().toLowerCase(Locale.ROOT);
        String action = rule.action() == null ? "" : rule.action().toLowerCase(Locale.ROOT);
        if (!GROUPS.contains(group)) {
            throw new IllegalArgumentException("group must be one of " + GROUPS);
        }
        if (!ACTIONS.contains(action)) {
            throw new IllegalArgumentException("action must be one of " + ACTIONS);
        }
        FaultRule stored = new FaultRule(UUID.randomUUID().toString(), group, rule.methods(), rule.entitySet(),
                rule.ids(), action, rule.status(), rule.retryAfterSeconds(), rule.minMs(), rule.maxMs(),
                rule.durationMs(), rule.probability(), rule.times(), rule.seed());
        if (rule.seed() != null) {
            seeded.put(stored.id(), new java.util.Random(rule.seed()));
        }
        if (rule.times() != null) {
            remaining.put(stored.id(), new AtomicInteger(rule.times()));
        }
        rules.add(stored);
        Log.infof("Fault rule added: %s", stored);
        return stored;
    }

    public List<FaultRule> rules() {
        return new ArrayList<>(rules);
    }

    public boolean remove(String id) {
        remaining.remove(id);
        seeded.remove(id);
        return rules.removeIf(rule -> rule.id().equals(id));
    }

    public void clear() {
        rules.clear();
        remaining.clear();
        seeded.clear();
    }

    /**
     * Applies the rules that match a request: sleeps for latency and hangs here, and returns what
     * else to do (answer an error instead, or wait after serving).
     */
    public Outcome before(String group, String method, String entitySet, String id) {
        Outcome outcome = new Outcome();
        if (rules.isEmpty()) {
            return outcome;
        }
        for (FaultRule rule : rules) {
            if (!matches(rule, group, method, entitySet, id) || !fires(rule)) {
                continue;
            }
            switch (rule.action()) {
                case "latency": {
                    long min = rule.minMs() == null ? 0 : rule.minMs();
                    long max = rule.maxMs() == null ? min : Math.max(min, rule.maxMs());
                    pause(min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
                    break;
                }
                case "hang":
                    pause(rule.durationMs() == null ? 120_000 : rule.durationMs());
                    break;
                case "commit-then-delay":
                    outcome.waitAfterMs += rule.durationMs() == null ? 5_000 : rule.durationMs();
                    break;
                case "throttle":
                    if (outcome.status == null) {
                        outcome.status = 429;
                        outcome.retryAfterSeconds = rule.retryAfterSeconds() == null ? 1 : rule.retryAfterSeconds();
                        outcome.ruleId = rule.id();
                    }
                    break;
                case "down":
                    if (outcome.status == null) {
                        outcome.status = 503;
                        outcome.down = true;
                        outcome.ruleId = rule.id();
                    }
                    break;
                default:
                    if (outcome.status == null) {
                        outcome.status = rule.status() == null ? 500 : rule.status();
                        outcome.ruleId = rule.id();
                    }
            }
        }
        return outcome;
    }

    /** Sleeps as a fault demands; an interrupt ends the wait early. */
    public static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean matches(FaultRule rule, String group, String method, String entitySet, String id) {
        if (!rule.group().equals("any") && !rule.group().equals(group)) {
            return false;
        }
        if (rule.methods() != null && !rule.methods().isEmpty()
                && rule.methods().stream().noneMatch(m -> m.equalsIgnoreCase(method))) {
            return false;
        }
        if (rule.entitySet() != null && !rule.entitySet().equals(entitySet)) {
            return false;
        }
        return rule.ids() == null || rule.ids().isEmpty()
                || id != null && rule.ids().stream().anyMatch(candidate -> candidate.equalsIgnoreCase(id));
    }

    /** The rule's own seeded sequence when it has a seed (draws serialised, so the sequence repeats), else any. */
    private double nextDouble(FaultRule rule) {
        java.util.Random random = seeded.get(rule.id());
        if (random == null) {
            return ThreadLocalRandom.current().nextDouble();
        }
        synchronized (random) {
            return random.nextDouble();
        }
    }

    private boolean fires(FaultRule rule) {
        if (rule.probability() != null && nextDouble(rule) >= rule.probability()) {
            return false;
        }
        AtomicInteger left = remaining.get(rule.id());
        if (left == null) {
            return true;
        }
        int after = left.decrementAndGet();
        if (after <= 0) {
            remove(rule.id());
        }
        return after >= 0;
    }
}
