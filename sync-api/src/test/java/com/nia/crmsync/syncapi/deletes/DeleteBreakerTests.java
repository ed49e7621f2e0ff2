package com.nia.crmsync.syncapi.deletes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.config.CreatioConfiguration.DeleteSafety;
import com.nia.crmsync.syncapi.planning.DeleteBreaker;

/** The deletion safety breaker's arithmetic: by count, by share of linked records, over a window, and paused. */
class DeleteBreakerTests {

    private static final DeleteSafety SAFETY = new DeleteSafety(20, new BigDecimal("0.05"), 3600);

    @Test
    void deletionsUpToTheCountAndShareThresholdsPropagate() {
        DeleteBreaker.Verdict v = DeleteBreaker.judge(SAFETY, 17, 3, 1000, false);
        assertThat(v.hold()).isFalse();
        assertThat(v.total()).isEqualTo(20);
        assertThat(v.reason()).isNull();
    }

    @Test
    void oneMoreThanMaxDeletionsInTheWindowHoldsTheNewOnes() {
        DeleteBreaker.Verdict v = DeleteBreaker.judge(SAFETY, 18, 3, 100_000, false);
        assertThat(v.hold()).isTrue();
        assertThat(v.total()).isEqualTo(21);
        assertThat(v.reason()).contains("21 deletions").contains("maxDeletions 20");
    }

    @Test
    void aShareAboveMaxShareOfTheLinkedRecordsHoldsEvenUnderTheCount() {
        assertThat(DeleteBreaker.judge(SAFETY, 0, 5, 100, false).hold()).as("5 of 100 is exactly 5 %").isFalse();
        DeleteBreaker.Verdict v = DeleteBreaker.judge(SAFETY, 1, 5, 100, false);
        assertThat(v.hold()).as("6 of 100 is above 5 %").isTrue();
        assertThat(v.reason()).contains("6 deletions of 100 linked records").contains("maxShare 0.05");
    }

    @Test
    void deletionsOutsideTheWindowAreNotCountedByTheCaller() {
        // the window is the caller's count: the same deletions counted in the window trip it, outside they do not
        assertThat(DeleteBreaker.judge(SAFETY, 20, 1, 100_000, false).hold()).isTrue();
        assertThat(DeleteBreaker.judge(SAFETY, 0, 1, 100_000, false).hold()).isFalse();
    }

    @Test
    void whileDeletionsAwaitAnAdminEveryNewOneIsHeld() {
        DeleteBreaker.Verdict v = DeleteBreaker.judge(SAFETY, 0, 1, 100_000, true);
        assertThat(v.hold()).isTrue();
        assertThat(v.reason()).contains("paused");
    }

    @Test
    void noDeletionsOrNoSafetyConfiguredNeverHold() {
        assertThat(DeleteBreaker.judge(SAFETY, 500, 0, 1, true).hold()).isFalse();
        assertThat(DeleteBreaker.judge(null, 500, 500, 1, false).hold()).isFalse();
    }
}
