package com.nia.crmsync.syncapi.alerts;

import java.util.Map;

/**
 * One rule's verdict in one evaluation: firing (with details of what was seen), clear, or unknown — the data was not
 * available (the gateway did not answer), so the alert keeps its state instead of clearing on a blind spot.
 */
public record Check(Verdict verdict, Map<String, Object> details) {

    /** The three verdicts. */
    public enum Verdict {
        FIRING,
        CLEAR,
        UNKNOWN
    }

    public static Check firing(Map<String, Object> details) {
        return new Check(Verdict.FIRING, java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details)));
    }

    public static Check clear() {
        return new Check(Verdict.CLEAR, Map.of());
    }

    public static Check unknown() {
        return new Check(Verdict.UNKNOWN, Map.of());
    }
}
