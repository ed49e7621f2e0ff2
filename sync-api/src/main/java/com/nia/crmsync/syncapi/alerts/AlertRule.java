package com.nia.crmsync.syncapi.alerts;

import java.util.function.Function;

/**
 * One alert sync-api evaluates: its stable key (the deduplication key of its notifications), severity, a one-line
 * summary, and its condition over what was observed.
 */
public record AlertRule(String key, Severity severity, String summary, Function<Observations, Check> condition) {

    /** The condition's verdict now. */
    public Check check(Observations observations) {
        return condition.apply(observations);
    }
}
