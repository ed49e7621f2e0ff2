package com.nia.crmsync.syncapi.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.nia.crmsync.syncapi.meeting.LeadMeetingRules.LeadState;
import com.nia.crmsync.syncapi.meeting.LeadMeetingRules.MeetingFacts;

/**
 * The lead rules of a meeting, exhaustively over statuses and insights, plus generated cases for
 * the properties that make a redelivery harmless: applying the changes and asking again yields
 * nothing, only differing fields are reported, and a status never moves backwards.
 */
class LeadMeetingRulesTests {

    static final Instant START = Instant.parse("2026-11-20T09:00:00Z");
    static final List<String> STATUSES = List.of("new", "nurturing", "qualified", "disqualified", "not_interested", "converted");

    static LeadState blank(String status) {
        return new LeadState(status, null, false, false, null, null, null, null);
    }

    static MeetingFacts facts(Map<String, Object> insights) {
        return new MeetingFacts("Demo", START, "demo", new BigDecimal("50000"), insights);
    }

    static Stream<Arguments> statusesAndInsights() {
        List<Arguments> all = new ArrayList<>();
        List<Object> values = new ArrayList<>(List.of(true, false, "true", "FALSE", "maybe"));
        values.add(null);
        for (String status : STATUSES) {
            for (Object budget : values) {
                for (Object decisionMaker : values) {
                    all.add(Arguments.of(status, budget, decisionMaker));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}, budget_discussed={1}, decision_maker_identified={2}")
    @MethodSource("statusesAndInsights")
    void qualifiesOnlyAnOpenLeadWhoseMeetingFoundBothTheBudgetAndTheDecisionMaker(String status, Object budget, Object decisionMaker) {
        Map<String, Object> insights = new HashMap<>();
        insights.put("budget_discussed", budget);
        insights.put("decision_maker_identified", decisionMaker);
        Map<String, Object> changes = LeadMeetingRules.changes(blank(status), facts(insights));

        boolean both = Boolean.TRUE.equals(LeadMeetingRules.bool(budget)) && Boolean.TRUE.equals(LeadMeetingRules.bool(decisionMaker));
        boolean open = status.equals("new") || status.equals("nurturing");
        if (both && open) {
            assertThat(changes).containsEntry("status", "qualified");
        } else {
            assertThat(changes).doesNotContainKey("status");
        }
        Boolean b = LeadMeetingRules.bool(budget);
        if (Boolean.TRUE.equals(b)) {
            assertThat(changes).containsEntry("budget_discussed", true);
        } else {
            // false is what a new lead holds already; anything else is no fact
            assertThat(changes).doesNotContainKey("budget_discussed");
        }
        Boolean d = LeadMeetingRules.bool(decisionMaker);
        assertThat(changes.containsKey("decision_maker_identified")).isEqualTo(Boolean.TRUE.equals(d));
    }

    @Test
    void setsTheMeetingDateTypeBudgetTimelineAndOneCommentaryLine() {
        Map<String, Object> changes = LeadMeetingRules.changes(blank("new"),
                new MeetingFacts("Quarterly  review", START, "demo", new BigDecimal("50000"), Map.of("timeline", "Q1 2027")));
        assertThat(changes).containsExactly(Map.entry("meeting_date", START), Map.entry("meeting_type", "demo"),
                Map.entry("budget", new BigDecimal("50000.00")), Map.entry("timeline", "Q1 2027"),
                Map.entry("notes", "Meeting 2026-11-20 (demo): Quarterly review"));
    }

    @Test
    void appendsTheCommentaryLineToExistingNotesOnceOnly() {
        LeadState lead = new LeadState("new", null, false, false, null, null, null, "met at the fair");
        Map<String, Object> changes = LeadMeetingRules.changes(lead, facts(Map.of()));
        assertThat(changes.get("notes")).isEqualTo("met at the fair\nMeeting 2026-11-20 (demo): Demo");
        LeadState after = LeadMeetingRules.apply(lead, changes);
        assertThat(LeadMeetingRules.changes(after, facts(Map.of()))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"50000, 50000.00", "50000.00, 50000", "0, 0.00"})
    void comparesBudgetsByValue(String stored, String estimated) {
        LeadState lead = new LeadState("new", new BigDecimal(stored), false, false, null, "demo", START, null);
        assertThat(LeadMeetingRules.changes(lead, new MeetingFacts(null, START, "demo", new BigDecimal(estimated), Map.of()))).isEmpty();
    }

    @Test
    void writesTheBudgetInCentsAndLeavesOutOneThatDoesNotFit() {
        LeadState lead = new LeadState("new", null, false, false, null, "demo", START, null);
        Map<String, Object> changes = LeadMeetingRules.changes(lead, new MeetingFacts(null, START, "demo", new BigDecimal("1234.565"), null));
        assertThat(changes).containsExactly(Map.entry("budget", new BigDecimal("1234.57")));
        assertThat(LeadMeetingRules.changes(LeadMeetingRules.apply(lead, changes),
                new MeetingFacts(null, START, "demo", new BigDecimal("1234.565"), null))).isEmpty();
        assertThat(LeadMeetingRules.changes(lead, new MeetingFacts(null, START, "demo", new BigDecimal("1e17"), null))).isEmpty();
    }

    @Test
    void whatTheMeetingDoesNotSayIsLeftAlone() {
        LeadState lead = new LeadState("nurturing", new BigDecimal("10"), true, true, "soon", "call", START, "x");
        assertThat(LeadMeetingRules.changes(lead, new MeetingFacts(null, null, " ", null, null))).isEmpty();
        // no title: no commentary line; a blank timeline is no fact
        assertThat(LeadMeetingRules.changes(lead, new MeetingFacts(null, START, null, null, Map.of("timeline", " ")))).isEmpty();
    }

    @Test
    void leavesOutACommentaryLineThatWouldOverflowTheNotes() {
        LeadState lead = new LeadState("new", null, false, false, null, "demo", START, "n".repeat(LeadMeetingRules.NOTES_MAX - 5));
        assertThat(LeadMeetingRules.changes(lead, facts(Map.of()))).doesNotContainKey("notes");
    }

    /** Generated leads and meetings (a fixed seed per repetition, so a failure is reproducible). */
    @RepeatedTest(300)
    void applyingTheChangesThenAskingAgainYieldsNothingAndNeverMovesAStatusBack(RepetitionInfo repetition) {
        Random random = new Random(repetition.getCurrentRepetition());
        LeadState lead = new LeadState(pick(random, STATUSES), random.nextBoolean() ? null : BigDecimal.valueOf(random.nextInt(5) * 1000L, 2),
                random.nextBoolean(), random.nextBoolean(), pick(random, List.of("Q1", "Q2", "")), pick(random, List.of("demo", "call", "")),
                random.nextBoolean() ? null : START.plusSeconds(random.nextInt(3) * 3600L),
                random.nextBoolean() ? null : "Meeting 2026-11-20 (demo): Demo");
        Map<String, Object> insights = new HashMap<>();
        for (String name : List.of("budget_discussed", "decision_maker_identified", "timeline")) {
            int r = random.nextInt(4);
            if (r == 1) {
                insights.put(name, random.nextBoolean());
            } else if (r == 2) {
                insights.put(name, pick(random, List.of("Q1", "true", "false", "")));
            } else if (r == 3) {
                insights.put(name, null);
            }
        }
        MeetingFacts meeting = new MeetingFacts(random.nextBoolean() ? "Demo" : null, random.nextBoolean() ? null : START,
                pick(random, List.of("demo", "call", "")), random.nextBoolean() ? null : BigDecimal.valueOf(random.nextInt(5) * 1000L),
                insights);

        Map<String, Object> changes = LeadMeetingRules.changes(lead, meeting);
        LeadState after = LeadMeetingRules.apply(lead, changes);
        assertThat(LeadMeetingRules.changes(after, meeting)).as("a second application changes nothing").isEmpty();
        assertThat(after).as("no change reported that changes nothing").isEqualTo(LeadMeetingRules.apply(after, changes));
        if (changes.containsKey("status")) {
            assertThat(lead.status()).isIn("new", "nurturing");
            assertThat(changes.get("status")).isEqualTo("qualified");
        }
        if (changes.containsKey("notes") && lead.notes() != null) {
            assertThat((String) changes.get("notes")).startsWith(lead.notes());
        }
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
