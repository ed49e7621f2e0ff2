package com.nia.crmsync.syncapi.alerts;

import java.util.Locale;

/** How urgent an alert is: {@code critical} wakes someone, {@code warning} can wait for working hours. */
public enum Severity {
    CRITICAL,
    WARNING;

    /** The name in JSON. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
