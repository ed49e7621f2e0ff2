package com.nia.crmsync.model.meeting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nia.crmsync.model.validation.Bounds;
import com.nia.crmsync.model.validation.Violation;
import com.nia.crmsync.model.validation.Violations;
import com.nia.crmsync.model.wire.WireEnum;

/**
 * A meeting ended, with what NIA learnt from it: published by other NIA services on
 * {@code nia.meetings.ended.v1} keyed by {@link #meetingId()}. Processing is idempotent per
 * meeting: a later event for the same meeting (a higher {@link #revision()}) updates what the
 * earlier one created, and action items and mentions are matched by their stable ids.
 *
 * @param meetingId             the meeting's id in NIA; the Kafka key
 * @param revision              increases with every corrected event for the meeting; an older revision is ignored
 * @param title                 the meeting title, the activity's {@code Title}
 * @param startedAt             start (UTC)
 * @param endedAt               end (UTC)
 * @param organizer             the NIA user who organised it; owner of the activity
 * @param participants          everyone who took part
 * @param leadId                the NIA lead the meeting was about, when known
 * @param summary               the summary, the activity's notes
 * @param meetingType           e.g. {@code demo}, {@code discovery}, {@code negotiation}
 * @param qualificationInsights named facts learnt (e.g. {@code budget_discussed: true}); scalars only
 * @param estimatedBudget       the budget the meeting suggested
 * @param currency              ISO 4217 code of the budget
 * @param actionItems           the follow-ups, one Creatio task each
 * @param competitorMentions    competitors named in the meeting
 */
public record MeetingEnded(
        String meetingId,
        Long revision,
        String title,
        Instant startedAt,
        Instant endedAt,
        Person organizer,
        List<Participant> participants,
        UUID leadId,
        String summary,
        String meetingType,
        Map<String, Object> qualificationInsights,
        BigDecimal estimatedBudget,
        String currency,
        List<ActionItem> actionItems,
        List<CompetitorMention> competitorMentions) {

    /**
     * An NIA user.
     *
     * @param name  display name
     * @param email email, the key to the Creatio owner
     */
    public record Person(String name, String email) {
    }

    /**
     * One participant.
     *
     * @param name     display name
     * @param email    email, matched first against Creatio contacts and leads
     * @param company  company, matched with the name when there is no email match
     * @param jobTitle job title
     * @param internal whether the participant is from the organizer's own company (not synced as a contact)
     */
    public record Participant(String name, String email, String company, String jobTitle, Boolean internal) {
    }

    /**
     * One action item: one Creatio task, found again by {@link #actionItemId()} when the event is
     * corrected (an item missing from a later revision cancels its task).
     *
     * @param actionItemId stable id of the item within NIA
     * @param title        what is to be done
     * @param description  more detail
     * @param ownerEmail   the owner's email, mapped to a Creatio contact
     * @param ownerName    the owner's name
     * @param dueDate      when it is due
     * @param priority     its priority
     */
    public record ActionItem(
            String actionItemId,
            String title,
            String description,
            String ownerEmail,
            String ownerName,
            LocalDate dueDate,
            Priority priority) {
    }

    /**
     * A competitor named in the meeting.
     *
     * @param mentionId  stable id within the meeting, when the producer has one
     * @param competitor the competitor's name
     * @param context    what was said around the mention
     * @param sentiment  how it was said
     */
    public record CompetitorMention(String mentionId, String competitor, String context, Sentiment sentiment) {
    }

    /** Task priority, as Creatio's {@code ActivityPriority}. */
    public enum Priority implements WireEnum {
        /** Low. */
        LOW,
        /** Medium (Creatio's default). */
        MEDIUM,
        /** High. */
        HIGH
    }

    /** How a competitor was spoken of. */
    public enum Sentiment implements WireEnum {
        /** Favourably. */
        POSITIVE,
        /** Neither way. */
        NEUTRAL,
        /** Unfavourably. */
        NEGATIVE,
        /** Both ways. */
        MIXED
    }

    /**
     * The event's problems, with JSON pointers under {@code /payload}; an event with any is
     * dead-lettered whole with {@code invalid event: <violations>} as its reason. Text is bounded
     * ({@link Bounds}: titles 1,000 characters, summaries and descriptions 100,000, emails 254, names 250).
     */
    public List<Violation> validate() {
        Violations v = Violations.at("/payload");
        v.required("meetingId", meetingId).required("title", title).required("startedAt", startedAt)
                .required("endedAt", endedAt).required("organizer", organizer)
                .check(startedAt == null || endedAt == null || !endedAt.isBefore(startedAt), "endedAt",
                        "must not be before startedAt")
                .check(revision == null || revision >= 0, "revision", "must not be negative")
                .check(estimatedBudget == null || estimatedBudget.signum() >= 0, "estimatedBudget",
                        "must not be negative")
                .check(currency == null || currency.matches("[A-Z]{3}"), "currency", "must be an ISO 4217 code")
                .maxLength("meetingId", meetingId, Bounds.ID).maxLength("title", title, Bounds.TITLE)
                .maxLength("summary", summary, Bounds.LONG_TEXT).maxLength("meetingType", meetingType, Bounds.ID);
        if (organizer != null) {
            Violations o = v.child("organizer");
            o.required("email", organizer.email()).check(isEmail(organizer.email()), "email", "is not an email")
                    .maxLength("email", organizer.email(), Bounds.EMAIL).maxLength("name", organizer.name(), Bounds.NAME);
        }
        for (int i = 0; participants != null && i < participants.size(); i++) {
            Participant p = participants.get(i);
            Violations pv = v.element("participants", i);
            if (p == null) {
                pv.invalid("must not be null");
                continue;
            }
            pv.check(notBlank(p.name()) || notBlank(p.email()), "name", "a participant needs a name or an email")
                    .check(isEmail(p.email()), "email", "is not an email")
                    .required("internal", p.internal())
                    .maxLength("name", p.name(), Bounds.NAME).maxLength("email", p.email(), Bounds.EMAIL)
                    .maxLength("company", p.company(), Bounds.NAME).maxLength("jobTitle", p.jobTitle(), Bounds.NAME);
        }
        Set<String> itemIds = new HashSet<>();
        for (int i = 0; actionItems != null && i < actionItems.size(); i++) {
            ActionItem a = actionItems.get(i);
            Violations av = v.element("actionItems", i);
            if (a == null) {
                av.invalid("must not be null");
                continue;
            }
            av.required("actionItemId", a.actionItemId()).required("title", a.title())
                    .check(a.actionItemId() == null || itemIds.add(a.actionItemId()), "actionItemId",
                            "is used twice in the meeting")
                    .check(isEmail(a.ownerEmail()), "ownerEmail", "is not an email")
                    .maxLength("actionItemId", a.actionItemId(), Bounds.ID).maxLength("title", a.title(), Bounds.TITLE)
                    .maxLength("description", a.description(), Bounds.LONG_TEXT)
                    .maxLength("ownerEmail", a.ownerEmail(), Bounds.EMAIL).maxLength("ownerName", a.ownerName(), Bounds.NAME);
        }
        for (int i = 0; competitorMentions != null && i < competitorMentions.size(); i++) {
            CompetitorMention c = competitorMentions.get(i);
            Violations cv = v.element("competitorMentions", i);
            if (c == null) {
                cv.invalid("must not be null");
                continue;
            }
            cv.required("competitor", c.competitor()).required("sentiment", c.sentiment())
                    .maxLength("mentionId", c.mentionId(), Bounds.ID).maxLength("competitor", c.competitor(), Bounds.NAME)
                    .maxLength("context", c.context(), Bounds.LONG_TEXT);
        }
        if (qualificationInsights != null) {
            qualificationInsights.forEach((name, value) -> v.check(value == null || value instanceof String
                    || value instanceof Number || value instanceof Boolean, "qualificationInsights/" + name,
                    "must be a string, number, boolean or null")
                    .maxLength("qualificationInsights/" + name, value instanceof String text ? text : null, Bounds.TITLE));
        }
        return v.list();
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }

    // absent is fine here; presence is checked where an email is required
    private static boolean isEmail(String s) {
        return s == null || s.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    }
}
