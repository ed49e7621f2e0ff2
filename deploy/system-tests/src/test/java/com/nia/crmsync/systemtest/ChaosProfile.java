package com.nia.crmsync.systemtest;

import java.time.Duration;

/**
 * How big and how long a chaos run is ({@code deploy/chaos/run --profile short|long}): the records
 * of the workload, the operations spread over the fault window, the length of that window and of its
 * Creatio outage, and the convergence target after the last fault.
 *
 * @param name           {@code short} (CI) or {@code long} (on demand)
 * @param leads          leads edited on both sides (NIA {@code title}, Creatio {@code MobilePhone})
 * @param collisions     leads whose manual {@code budget} is edited on both sides (a conflict each)
 * @param resolved       of those, how many an operator resolves ({@code local_wins}) during the run
 * @param meetings       meetings ended, each corrected by a second revision
 * @param operations     workload operations spread over the fault window
 * @param faultWindow    how long faults are injected
 * @param outage         the Creatio outage inside the window
 * @param convergence    the target time from the last fault to agreement
 */
record ChaosProfile(String name, int leads, int collisions, int resolved, int meetings, int operations, Duration faultWindow,
        Duration outage, Duration convergence) {

    /** About 5 minutes with the stack already running: what CI runs. */
    static final ChaosProfile SHORT = new ChaosProfile("short", 10, 4, 2, 2, 50, Duration.ofSeconds(100), Duration.ofSeconds(20),
            Duration.ofMinutes(2));

    /** At least 20 minutes of faults, more records: on demand, for docs/reliability.md. */
    static final ChaosProfile LONG = new ChaosProfile("long", 40, 12, 6, 8, 600, Duration.ofMinutes(20), Duration.ofMinutes(2),
            Duration.ofMinutes(5));

    static ChaosProfile named(String name) {
        return switch (name) {
            case "short" -> SHORT;
            case "long" -> LONG;
            default -> throw new IllegalArgumentException("No chaos profile " + name + " (short, long)");
        };
    }

    /** The same profile with a different fault window (a medium run: {@code --minutes N}). */
    ChaosProfile withFaultWindow(Duration window) {
        double scale = (double) window.toSeconds() / faultWindow.toSeconds();
        return new ChaosProfile(name + "-" + window.toMinutes() + "m", leads, collisions, resolved, meetings,
                Math.max(10, (int) (operations * scale)), window, outage.compareTo(window.dividedBy(4)) > 0 ? window.dividedBy(4) : outage,
                convergence);
    }
}
