package com.nia.crmsync.syncapi.planning;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The retry schedule of one record: exponential back-off with full jitter. The n-th retry waits a
 * uniformly random time between zero and {@code min(cap, base × 2^(n-1))}, so records that failed
 * together (a Creatio outage) do not come back together. A pure function: the random source is a
 * parameter, so a seeded generator replays a schedule exactly.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * The ceiling of the {@code retry}-th delay: {@code base × 2^(retry-1)}, never above {@code cap}
     * (and never overflowing, however large {@code retry} is).
     *
     * @param retry 1 for the first retry; values below 1 count as 1
     */
    public static Duration ceiling(int retry, Duration base, Duration cap) {
        if (base.isNegative() || cap.isNegative()) {
            throw new IllegalArgumentException("base and cap must not be negative");
        }
        long baseMillis = base.toMillis();
        long capMillis = cap.toMillis();
        int doublings = Math.max(0, retry - 1);
        if (baseMillis == 0) {
            return Duration.ZERO;
        }
        // base × 2^d > cap  ⟺  d > log2(cap / base): stop doubling before a long overflows
        if (doublings >= 62 || baseMillis > (capMillis >> Math.min(doublings, 62))) {
            return Duration.ofMillis(capMillis);
        }
        return Duration.ofMillis(Math.min(capMillis, baseMillis << doublings));
    }

    /** The {@code retry}-th delay: uniform in {@code [0, ceiling]} (full jitter). */
    public static Duration delay(int retry, Duration base, Duration cap, RandomGenerator random) {
        long ceiling = ceiling(retry, base, cap).toMillis();
        return Duration.ofMillis(ceiling == 0 ? 0 : random.nextLong(ceiling + 1));
    }
}
