package com.nia.crmsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

class RequiresToolConditionTests {

    @Test
    void runsATestWhoseToolsAreInstalled() {
        assertThat(RequiresToolCondition.evaluate(List.of("sh"), true, RequiresToolCondition::onPath).isDisabled()).isFalse();
    }

    @Test
    void skipsWithTheReasonOnALaptop() {
        ConditionEvaluationResult result = RequiresToolCondition.evaluate(List.of("sh", "no-such-tool-xyz"), false, RequiresToolCondition::onPath);
        assertThat(result.isDisabled()).isTrue();
        assertThat(result.getReason()).hasValueSatisfying(r -> assertThat(r).contains("no-such-tool-xyz").contains("deploy/setup"));
    }

    @Test
    void failsUnderCi() {
        assertThatThrownBy(() -> RequiresToolCondition.evaluate(List.of("no-such-tool-xyz"), true, RequiresToolCondition::onPath))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CI=true");
    }
}
