package com.nia.crmsync.simulator.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.simulator.odata.CreatioTime;

/**
 * The simulator's "now": real time plus an offset, or a frozen instant. Stamps {@code CreatedOn}
 * and {@code ModifiedOn}, issues and expires tokens and rolls the daily quota, so a test can age a
 * token or cross midnight without waiting.
 */
@ApplicationScoped
public class SimClock {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;

    /** Now, cut to Creatio's 100-ns precision. */
    public Instant now() {
        Instant frozen = frozenAt;
        return CreatioTime.toTicks(frozen != null ? frozen : Instant.now().plus(offset));
    }

    /** Moves "now" to {@code instant}; frozen keeps it there, otherwise time runs on from it. */
    public synchronized void set(Instant instant, boolean frozen) {
        if (frozen) {
            frozenAt = instant;
        } else {
            frozenAt = null;
            offset = Duration.between(Instant.now(), instant);
        }
    }

    public synchronized void advance(Duration by) {
        if (frozenAt != null) {
            frozenAt = frozenAt.plus(by);
        } else {
            offset = offset.plus(by);
        }
    }

    public boolean frozen() {
        return frozenAt != null;
    }

    public synchronized void reset() {
        frozenAt = null;
        offset = Duration.ZERO;
    }
}
