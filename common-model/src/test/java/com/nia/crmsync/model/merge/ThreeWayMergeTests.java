package com.nia.crmsync.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.entity.Side;

/** The merge, case by case: every row of the rule table in {@link ThreeWayMerge}'s Javadoc. */
class ThreeWayMergeTests {

    private static final Instant T1 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-27T11:00:00Z");

    @Test
    void unchangedOnBothSidesWritesNothing() {
        MergeOutcome out = merge(ConflictPolicy.MANUAL, Map.of("Email", "a@x"), Map.of("Email", "a@x"), Map.of("Email", "a@x"));
        assertThat(out.noWrites()).isTrue();
        assertThat(out.conflicts()).isEmpty();
        assertThat(out.newBase()).containsEntry("Email", "a@x");
    }

    @Test
    void aChangeInNiaAloneIsPatchedToCreatio() {
        MergeOutcome out = merge(ConflictPolicy.MANUAL, Map.of("Email", "a@x"), Map.of("Email", "b@x"), Map.of("Email", "a@x"));
        assertThat(out.toCreatio()).containsExactly(Map.entry("Email", "b@x"));
        assertThat(out.toNia()).isEmpty();
        assertThat(out.newBase()).containsEntry("Email", "b@x");
    }

    @Test
    void aChangeInCreatioAloneIsAppliedToNia() {
        MergeOutcome out = merge(ConflictPolicy.MANUAL, Map.of("Email", "a@x"), Map.of("Email", "a@x"), Map.of("Email", "c@x"));
        assertThat(out.toNia()).containsExactly(Map.entry("Email", "c@x"));
        assertThat(out.toCreatio()).isEmpty();
    }

    @Test
    void differentFieldsChangedOnEachSideAreBothKept() {
        MergeOutcome out = merge(ConflictPolicy.MANUAL,
                Map.of("Email", "a@x", "MobilePhone", "1"),
                Map.of("Email", "b@x", "MobilePhone", "1"),
                Map.of("Email", "a@x", "MobilePhone", "2"));
        assertThat(out.toCreatio()).containsExactly(Map.entry("Email", "b@x"));
        assertThat(out.toNia()).containsExactly(Map.entry("MobilePhone", "2"));
        assertThat(out.conflicts()).isEmpty();
    }

    @Test
    void bothChangedToTheSameValueIsAgreementNotAConflict() {
        MergeOutcome out = merge(ConflictPolicy.MANUAL, Map.of("Email", "a@x"), Map.of("Email", "b@x"), Map.of("Email", "b@x"));
        assertThat(out.noWrites()).isTrue();
        assertThat(out.conflicts()).isEmpty();
        assertThat(out.newBase()).containsEntry("Email", "b@x");
    }

    @Test
    void theSameFieldChangedDifferentlyUnderManualIsOneOpenConflictAndNoWrite() {
        MergeOutcome out = merge(ConflictPolicy.MANUAL,
                Map.of("MobilePhone", "1", "Email", "a@x"),
                Map.of("MobilePhone", "2", "Email", "b@x"),
                Map.of("MobilePhone", "3", "Email", "a@x"));
        assertThat(out.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.column()).isEqualTo("MobilePhone");
            assertThat(c.baseValue()).isEqualTo("1");
            assertThat(c.niaValue()).isEqualTo("2");
            assertThat(c.creatioValue()).isEqualTo("3");
            assertThat(c.decision().leftOpen()).isTrue();
        });
        assertThat(out.openFields()).containsExactly("MobilePhone");
        assertThat(out.toCreatio()).containsExactly(Map.entry("Email", "b@x"));
        assertThat(out.toNia()).isEmpty();
        assertThat(out.newBase()).containsEntry("MobilePhone", "1");
    }

    @ParameterizedTest
    @EnumSource(value = ConflictPolicy.class, names = {"LOCAL_WINS", "CREATIO_WINS", "NEWEST_WINS"})
    void anAutomaticPolicyDecidesTheCollisionAndTheMergeSaysSo(ConflictPolicy policy) {
        MergeOutcome out = merge(policy, Map.of("MobilePhone", "1"), Map.of("MobilePhone", "2"), Map.of("MobilePhone", "3"));
        FieldConflict conflict = out.conflicts().get(0);
        assertThat(conflict.decision().policy()).isEqualTo(policy);
        // NIA changed at T2, Creatio at T1: newest_wins picks NIA
        Side expected = policy == ConflictPolicy.CREATIO_WINS ? Side.CREATIO : Side.NIA;
        assertThat(conflict.decision().winner()).isEqualTo(expected);
        if (expected == Side.NIA) {
            assertThat(out.toCreatio()).containsExactly(Map.entry("MobilePhone", "2"));
            assertThat(out.newBase()).containsEntry("MobilePhone", "2");
        } else {
            assertThat(out.toNia()).containsExactly(Map.entry("MobilePhone", "3"));
            assertThat(out.newBase()).containsEntry("MobilePhone", "3");
        }
        assertThat(out.openFields()).isEmpty();
    }

    @Test
    void clearingAFieldOnOneSidePropagatesAsAnEmptyValue() {
        Map<String, Object> creatio = Map.of("Commentary", "");
        MergeOutcome out = merge(ConflictPolicy.MANUAL, Map.of("Commentary", "hello"), Map.of("Commentary", "hello"), creatio);
        assertThat(out.toNia()).containsEntry("Commentary", null);
    }

    @Test
    void anEchoOfOurOwnWriteChangesNothing() {
        // we pushed 50000 as a number; Creatio returns it as a string with decimals and a 7-digit ModifiedOn
        MergeOutcome out = merge(ConflictPolicy.MANUAL, Map.of("Budget", new BigDecimal("50000")),
                Map.of("Budget", 50000), Map.of("Budget", "50000.00"));
        assertThat(out.noWrites()).isTrue();
        assertThat(out.conflicts()).isEmpty();
    }

    @Test
    void aToCreatioColumnIgnoresCreatioEditsAndPushesNiaChanges() {
        Map<String, FieldRule> rules = Map.of("MeetingDate", new FieldRule("MeetingDate", Direction.TO_CREATIO, ConflictPolicy.MANUAL));
        MergeOutcome creatioEdit = ThreeWayMerge.merge(new MergeInput(rules, Map.of("MeetingDate", "2026-01-01T00:00:00Z"),
                Map.of("MeetingDate", "2026-01-01T00:00:00Z"), Map.of("MeetingDate", "2026-02-02T00:00:00Z"), T2, T1, ConflictPolicy.MANUAL));
        assertThat(creatioEdit.noWrites()).isTrue();
        assertThat(creatioEdit.conflicts()).isEmpty();

        MergeOutcome bothEdit = ThreeWayMerge.merge(new MergeInput(rules, Map.of("MeetingDate", "2026-01-01T00:00:00Z"),
                Map.of("MeetingDate", "2026-03-03T00:00:00Z"), Map.of("MeetingDate", "2026-02-02T00:00:00Z"), T2, T1, ConflictPolicy.MANUAL));
        assertThat(bothEdit.toCreatio()).containsExactly(Map.entry("MeetingDate", Instant.parse("2026-03-03T00:00:00Z")));
        assertThat(bothEdit.conflicts()).isEmpty();
    }

    @Test
    void aFromCreatioColumnNeverWritesCreatio() {
        Map<String, FieldRule> rules = Map.of("Score", new FieldRule("Score", Direction.FROM_CREATIO, ConflictPolicy.MANUAL));
        MergeOutcome out = ThreeWayMerge.merge(new MergeInput(rules, Map.of("Score", 1), Map.of("Score", 2), Map.of("Score", 3), T2, T1, ConflictPolicy.MANUAL));
        assertThat(out.toCreatio()).isEmpty();
        assertThat(out.toNia()).containsExactly(Map.entry("Score", new BigDecimal("3")));
    }

    @Test
    void aColumnWithDirectionNoneTakesNoPart() {
        Map<String, FieldRule> rules = Map.of("Secret", new FieldRule("Secret", Direction.NONE, ConflictPolicy.MANUAL));
        MergeOutcome out = ThreeWayMerge.merge(new MergeInput(rules, Map.of("Secret", 1), Map.of("Secret", 2), Map.of("Secret", 3), T2, T1, ConflictPolicy.MANUAL));
        assertThat(out.noWrites()).isTrue();
        assertThat(out.newBase()).doesNotContainKey("Secret");
    }

    @Test
    void aFirstSyncFillsEmptySidesAndDecidesDifferencesByTheFirstSyncPolicy() {
        Map<String, FieldRule> rules = rules(ConflictPolicy.MANUAL, "Email", "MobilePhone", "Account");
        MergeOutcome out = ThreeWayMerge.merge(new MergeInput(rules, null,
                Map.of("Email", "a@x", "MobilePhone", "1"),
                Map.of("Email", "a@x", "Account", "Acme", "MobilePhone", "2"),
                T2, T1, ConflictPolicy.CREATIO_WINS));
        assertThat(out.toNia()).containsOnly(Map.entry("Account", "Acme"), Map.entry("MobilePhone", "2"));
        assertThat(out.toCreatio()).isEmpty();
        assertThat(out.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.column()).isEqualTo("MobilePhone");
            assertThat(c.decision().policy()).isEqualTo(ConflictPolicy.CREATIO_WINS);
        });
    }

    @Test
    void ignoresColumnsWithoutARule() {
        MergeOutcome out = merge(ConflictPolicy.MANUAL, Map.of("Email", "a@x"), Map.of("Email", "a@x", "Unmapped", "1"), Map.of("Email", "a@x", "Unmapped", "2"));
        assertThat(out.noWrites()).isTrue();
    }

    private static MergeOutcome merge(ConflictPolicy policy, Map<String, ?> base, Map<String, ?> nia, Map<String, ?> creatio) {
        Map<String, Object> all = new HashMap<>(base);
        Map<String, FieldRule> rules = rules(policy, all.keySet().toArray(String[]::new));
        return ThreeWayMerge.merge(new MergeInput(rules, base, nia, creatio, T2, T1, ConflictPolicy.MANUAL));
    }

    private static Map<String, FieldRule> rules(ConflictPolicy policy, String... columns) {
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        for (String c : columns) {
            rules.put(c, FieldRule.both(c, policy));
        }
        return rules;
    }
}
