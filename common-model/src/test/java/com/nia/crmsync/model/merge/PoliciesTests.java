package com.nia.crmsync.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.entity.Side;

class PoliciesTests {

    private static final Instant EARLY = Instant.parse("2026-11-27T10:00:00.000001Z");
    private static final Instant LATE = Instant.parse("2026-11-27T10:00:00.000002Z");

    @Test
    void localWinsKeepsTheNiaValue() {
        assertThat(Policies.decide(ConflictPolicy.LOCAL_WINS, EARLY, LATE).winner()).isEqualTo(Side.NIA);
    }

    @Test
    void creatioWinsKeepsTheCreatioValue() {
        assertThat(Policies.decide(ConflictPolicy.CREATIO_WINS, LATE, EARLY).winner()).isEqualTo(Side.CREATIO);
    }

    @Test
    void newestWinsPicksTheLaterChangeAndSaysWhy() {
        Decision nia = Policies.decide(ConflictPolicy.NEWEST_WINS, LATE, EARLY);
        assertThat(nia.winner()).isEqualTo(Side.NIA);
        assertThat(nia.reason()).contains("NIA changed at 2026-11-27T10:00:00.000002Z");
        assertThat(Policies.decide(ConflictPolicy.NEWEST_WINS, EARLY, LATE).winner()).isEqualTo(Side.CREATIO);
    }

    @Test
    void newestWinsLeavesATieAtMicrosecondPrecisionToAPerson() {
        Instant creatioSevenDigits = Instant.parse("2026-11-27T10:00:00.0000019Z");
        Decision tie = Policies.decide(ConflictPolicy.NEWEST_WINS, Instant.parse("2026-11-27T10:00:00.000001Z"), creatioSevenDigits);
        assertThat(tie.leftOpen()).isTrue();
        assertThat(tie.reason()).contains("tie");
    }

    @Test
    void newestWinsWithAnUnknownTimeIsLeftOpen() {
        assertThat(Policies.decide(ConflictPolicy.NEWEST_WINS, null, LATE).leftOpen()).isTrue();
    }

    @Test
    void manualAndAMissingPolicyLeaveTheFieldOpen() {
        assertThat(Policies.decide(ConflictPolicy.MANUAL, EARLY, LATE).leftOpen()).isTrue();
        assertThat(Policies.decide(null, EARLY, LATE).policy()).isEqualTo(ConflictPolicy.MANUAL);
    }
}
