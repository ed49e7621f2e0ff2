package com.nia.crmsync.syncapi.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The retry schedule: exponential ceilings up to the cap, full jitter inside them, replayable by seed. */
class BackoffTests {

    private static final Duration BASE = Duration.ofSeconds(5);
    private static final Duration CAP = Duration.ofMinutes(15);

    @Test
    void ceilingsDoubleFromTheBaseUntilTheCap() {
        assertThat(Backoff.ceiling(1, BASE, CAP)).isEqualTo(Duration.ofSeconds(5));
        assertThat(Backoff.ceiling(2, BASE, CAP)).isEqualTo(Duration.ofSeconds(10));
        assertThat(Backoff.ceiling(3, BASE, CAP)).isEqualTo(Duration.ofSeconds(20));
        assertThat(Backoff.ceiling(8, BASE, CAP)).isEqualTo(Duration.ofSeconds(640));
        assertThat(Backoff.ceiling(9, BASE, CAP)).isEqualTo(CAP);
        assertThat(Backoff.ceiling(10, BASE, CAP)).isEqualTo(CAP);
    }

    @Test
    void ceilingsNeverOverflowHoweverManyRetries() {
        for (int retry : new int[] {30, 61, 62, 63, 64, 100, 1_000, Integer.MAX_VALUE}) {
            assertThat(Backoff.ceiling(retry, BASE, CAP)).as("retry %d", retry).isEqualTo(CAP);
        }
        assertThat(Backoff.ceiling(200, Duration.ofMillis(1), Duration.ofMillis(Long.MAX_VALUE)))
                .isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Test
    void aRetryNumberBelowOneCountsAsTheFirst() {
        assertThat(Backoff.ceiling(0, BASE, CAP)).isEqualTo(BASE);
        assertThat(Backoff.ceiling(-3, BASE, CAP)).isEqualTo(BASE);
    }

    @Test
    void aBaseAboveTheCapIsCapped() {
        assertThat(Backoff.ceiling(1, Duration.ofMinutes(20), CAP)).isEqualTo(CAP);
    }

    @Test
    void aZeroBaseNeverWaits() {
        assertThat(Backoff.delay(5, Duration.ZERO, CAP, new SplittableRandom(1))).isZero();
    }

    @Test
    void negativeDurationsAreRefused() {
        assertThatThrownBy(() -> Backoff.ceiling(1, Duration.ofSeconds(-1), CAP)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Backoff.ceiling(1, BASE, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ceilingsAreMonotoneAndNeverAboveTheCap() {
        Duration previous = Duration.ZERO;
        for (int retry = 1; retry <= 80; retry++) {
            Duration ceiling = Backoff.ceiling(retry, BASE, CAP);
            assertThat(ceiling).as("retry %d", retry).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(CAP);
            previous = ceiling;
        }
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        long[] a = schedule(new SplittableRandom(42), 12);
        long[] b = schedule(new SplittableRandom(42), 12);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void jitterReachesBothEndsOfTheRange() {
        // full jitter: the delays of one retry number spread over [0, ceiling], not around a point
        SplittableRandom random = new SplittableRandom(7);
        long ceiling = Backoff.ceiling(3, BASE, CAP).toMillis();
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 5_000; i++) {
            long d = Backoff.delay(3, BASE, CAP, random).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertThat(min).isLessThan(ceiling / 20);
        assertThat(max).isGreaterThan(ceiling - ceiling / 20);
    }

    static LongStream seeds() {
        return LongStream.range(0, 40).map(i -> i * 7919 + 13);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyDelayLiesWithinZeroAndItsCeiling(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Duration base = Duration.ofMillis(1 + random.nextLong(10_000));
        Duration cap = base.plusMillis(random.nextLong(3_600_000));
        for (int retry = 1; retry <= 40; retry++) {
            Duration ceiling = Backoff.ceiling(retry, base, cap);
            Duration delay = Backoff.delay(retry, base, cap, random);
            assertThat(delay).as("seed %d, base %s, cap %s, retry %d", seed, base, cap, retry)
                    .isGreaterThanOrEqualTo(Duration.ZERO).isLessThanOrEqualTo(ceiling);
            assertThat(ceiling).isLessThanOrEqualTo(cap);
            long expected = Math.min(cap.toMillis(), retry - 1 >= 62 ? Long.MAX_VALUE
                    : (base.toMillis() > (Long.MAX_VALUE >> (retry - 1)) ? Long.MAX_VALUE : base.toMillis() << (retry - 1)));
            assertThat(ceiling.toMillis()).as("seed %d retry %d", seed, retry).isEqualTo(expected);
        }
    }

    private static long[] schedule(RandomGenerator random, int retries) {
        long[] out = new long[retries];
        for (int i = 0; i < retries; i++) {
            out[i] = Backoff.delay(i + 1, BASE, CAP, random).toMillis();
        }
        return out;
    }
}
