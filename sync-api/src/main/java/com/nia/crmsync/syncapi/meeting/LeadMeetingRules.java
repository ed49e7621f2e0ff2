package com.nia.crmsync.syncapi.meeting;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a meeting changes on its lead (docs/meetings.md, "Intake"): a pure function of the lead's
 * current values and the meeting's facts, returning only the fields whose value differs, so applying
 * the same meeting twice changes nothing the second time.
 *
 * <ul>
 * <li>{@code meeting_date} = the meeting's start; {@code meeting_type} = its type, when given;</li>
 * <li>{@code budget} = the estimated budget in cents, when given (compared by value: 50000 = 50000.00);</li>
 * <li>{@code budget_discussed}, {@code decision_maker_identified}, {@code timeline} from the
 * qualification insights of the same names, when present (booleans also as "true"/"false");</li>
 * <li>{@code status} becomes {@code qualified} when the insights say both
 * {@code decision_maker_identified} and {@code budget_discussed} are true, and only from
 * {@code new} or {@code nurturing}: a meeting never moves a lead back or out of a final status;</li>
 * <li>{@code notes} (Creatio's commentary) gains one line {@code Meeting <date> (<type>): <title>}
 * unless that very line is already there.</li>
 * </ul>
 */
public final class LeadMeetingRules {

    /** Statuses a meeting may move forward to {@code qualified}. */
    static final Set<String> OPEN_STATUSES = Set.of("new", "nurturing");
    static final String QUALIFIED = "qualified";
    static final String BUDGET_DISCUSSED = "budget_discussed";
    static final String DECISION_MAKER_IDENTIFIED = "decision_maker_identified";
    static final String TIMELINE = "timeline";
    /** The lead's notes are limited to this many characters (LeadInput); a line that would pass it is left out. */
    static final int NOTES_MAX = 10_000;

    private LeadMeetingRules() {
    }

    /** The lead's values the rules read and write (NIA field names). */
    public record LeadState(String status, BigDecimal budget, boolean budgetDiscussed, boolean decisionMakerIdentified,
            String timeline, String meetingType, Instant meetingDate, String notes) {
    }

    /** What the meeting says; every part may be absent (the HTTP update carries only some). */
    public record MeetingFacts(String title, Instant startedAt, String meetingType, BigDecimal estimatedBudget,
            Map<String, Object> insights) {
    }

    /**
     * The fields to change (NIA snake_case name → new value), in a stable order; empty when the
     * lead already holds everything the meeting says.
     */
    public static Map<String, Object> changes(LeadState lead, MeetingFacts meeting) {
        Map<String, Object> changes = new LinkedHashMap<>();
        Map<String, Object> insights = meeting.insights() == null ? Map.of() : meeting.insights();
        if (meeting.startedAt() != null && !meeting.startedAt().equals(lead.meetingDate())) {
            changes.put("meeting_date", meeting.startedAt());
        }
        String type = blankToNull(meeting.meetingType());
        if (type != null && !type.equals(lead.meetingType())) {
            changes.put("meeting_type", type);
        }
        BigDecimal budget = amount(meeting.estimatedBudget());
        if (budget != null && (lead.budget() == null || lead.budget().compareTo(budget) != 0)) {
            changes.put("budget", budget);
        }
        Boolean budgetDiscussed = bool(insights.get(BUDGET_DISCUSSED));
        if (budgetDiscussed != null && budgetDiscussed != lead.budgetDiscussed()) {
            changes.put(BUDGET_DISCUSSED, budgetDiscussed);
        }
        Boolean decisionMaker = bool(insights.get(DECISION_MAKER_IDENTIFIED));
        if (decisionMaker != null && decisionMaker != lead.decisionMakerIdentified()) {
            changes.put(DECISION_MAKER_IDENTIFIED, decisionMaker);
        }
        Object timelineValue = insights.get(TIMELINE);
        String timeline = timelineValue == null ? null : blankToNull(timelineValue.toString());
        if (timeline != null && !timeline.equals(lead.timeline())) {
            changes.put(TIMELINE, timeline);
        }
        String status = lead.status() == null ? "new" : lead.status();
        if (Boolean.TRUE.equals(budgetDiscussed) && Boolean.TRUE.equals(decisionMaker) && OPEN_STATUSES.contains(status)) {
            changes.put("status", QUALIFIED);
        }
        String line = noteLine(meeting);
        if (line != null) {
            String notes = lead.notes();
            boolean present = notes != null && notes.lines().anyMatch(line::equals);
            String appended = notes == null || notes.isBlank() ? line : notes + "\n" + line;
            if (!present && appended.length() <= NOTES_MAX) {
                changes.put("notes", appended);
            }
        }
        return changes;
    }

    /** {@code Meeting 2026-11-28 (demo): Title}; absent without a title and a start. */
    static String noteLine(MeetingFacts meeting) {
        String title = blankToNull(meeting.title());
        if (title == null || meeting.startedAt() == null) {
            return null;
        }
        String type = blankToNull(meeting.meetingType());
        return "Meeting " + meeting.startedAt().atZone(ZoneOffset.UTC).toLocalDate()
                + (type == null ? "" : " (" + type + ")") + ": " + title.replaceAll("\\s+", " ").strip();
    }

    /** The lead's state after {@code changes}: applying the rules to it again yields nothing. */
    public static LeadState apply(LeadState lead, Map<String, Object> changes) {
        return new LeadState(
                (String) changes.getOrDefault("status", lead.status()),
                (BigDecimal) changes.getOrDefault("budget", lead.budget()),
                (Boolean) changes.getOrDefault(BUDGET_DISCUSSED, lead.budgetDiscussed()),
                (Boolean) changes.getOrDefault(DECISION_MAKER_IDENTIFIED, lead.decisionMakerIdentified()),
                (String) changes.getOrDefault(TIMELINE, lead.timeline()),
                (String) changes.getOrDefault("meeting_type", lead.meetingType()),
                (Instant) changes.getOrDefault("meeting_date", lead.meetingDate()),
                (String) changes.getOrDefault("notes", lead.notes()));
    }

    /**
     * The budget as the lead stores it ({@code NUMERIC(18, 2)}): rounded to cents; absent when it
     * does not fit (more than 16 digits before the point), which no real meeting suggests.
     */
    static BigDecimal amount(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal cents = value.setScale(2, RoundingMode.HALF_UP);
        return cents.precision() - cents.scale() > 16 ? null : cents;
    }

    /** A boolean insight: a JSON boolean, or the text true/false (any case); anything else is no fact. */
    static Boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String s) {
            String v = s.strip().toLowerCase(Locale.ROOT);
            if (v.equals("true")) {
                return true;
            }
            if (v.equals("false")) {
                return false;
            }
        }
        return null;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
