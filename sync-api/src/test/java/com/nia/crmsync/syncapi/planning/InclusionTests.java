package com.nia.crmsync.syncapi.planning;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.config.Condition;
import com.nia.crmsync.model.config.Condition.Operator;

/** The inclusion filter: every clause must hold. */
class InclusionTests {

    private final Map<String, Object> lead = new HashMap<>(Map.of("status", "qualified", "budget", new BigDecimal("50000.00")));

    @Test
    void noClauseIncludesEverything() {
        assertThat(Inclusion.includes(null, lead)).isTrue();
        assertThat(Inclusion.includes(List.of(), lead)).isTrue();
    }

    @Test
    void eachOperatorTestsTheField() {
        assertThat(Inclusion.includes(List.of(new Condition("status", Operator.EQ, "qualified")), lead)).isTrue();
        assertThat(Inclusion.includes(List.of(new Condition("status", Operator.NE, "qualified")), lead)).isFalse();
        assertThat(Inclusion.includes(List.of(new Condition("status", Operator.IN, List.of("new", "qualified"))), lead)).isTrue();
        assertThat(Inclusion.includes(List.of(new Condition("status", Operator.NOT_IN, List.of("new", "qualified"))), lead)).isFalse();
        assertThat(Inclusion.includes(List.of(new Condition("email", Operator.PRESENT, null)), lead)).isFalse();
        assertThat(Inclusion.includes(List.of(new Condition("email", Operator.ABSENT, null)), lead)).isTrue();
        // numbers compare by value, whatever their scale
        assertThat(Inclusion.includes(List.of(new Condition("budget", Operator.EQ, 50000)), lead)).isTrue();
    }

    @Test
    void everyClauseMustHold() {
        assertThat(Inclusion.includes(List.of(new Condition("status", Operator.EQ, "qualified"),
                new Condition("email", Operator.PRESENT, null)), lead)).isFalse();
    }
}
