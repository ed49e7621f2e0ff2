package com.nia.crmsync.syncapi.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.json.WireEnum;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.web.problem.Problem;

/**
 * The seed's {@code meeting_data} as {@code POST /api/v1/crm/sync/create-activity/} takes it, in
 * snake_case; {@link #toEvent(List)} makes the contract's {@link MeetingEnded} of it, which is then
 * validated whole like an event. Lenient where the seed is: a missing {@code revision} is 0, a
 * participant without {@code internal} is internal when its email has the organizer's domain,
 * priority and sentiment in any case.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record MeetingDataInput(
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

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Person(String name, String email) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Participant(String name, String email, String company, String jobTitle, Boolean internal) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ActionItem(String actionItemId, String title, String description, String ownerEmail, String ownerName,
            LocalDate dueDate, String priority) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CompetitorMention(String mentionId, String competitor, String context, String sentiment) {
    }

    /**
     * The event this input stands for; a priority or sentiment that is none of the contract's names
     * is added to {@code errors} (pointer relative to {@code meeting_data}).
     */
    public MeetingEnded toEvent(List<Problem.FieldError> errors) {
        String organizerDomain = organizer == null ? null : domainOf(organizer.email());
        List<MeetingEnded.Participant> people = participants == null ? null : new ArrayList<>();
        for (int i = 0; participants != null && i < participants.size(); i++) {
            Participant p = participants.get(i);
            people.add(p == null ? null : new MeetingEnded.Participant(p.name(), p.email(), p.company(), p.jobTitle(),
                    p.internal() != null ? p.internal() : organizerDomain != null && organizerDomain.equals(domainOf(p.email()))));
        }
        List<MeetingEnded.ActionItem> items = actionItems == null ? null : new ArrayList<>();
        for (int i = 0; actionItems != null && i < actionItems.size(); i++) {
            ActionItem a = actionItems.get(i);
            items.add(a == null ? null : new MeetingEnded.ActionItem(a.actionItemId(), a.title(), a.description(), a.ownerEmail(),
                    a.ownerName(), a.dueDate(), wire(MeetingEnded.Priority.class, a.priority(), "/action_items/" + i + "/priority", errors)));
        }
        List<MeetingEnded.CompetitorMention> mentions = competitorMentions == null ? null : new ArrayList<>();
        for (int i = 0; competitorMentions != null && i < competitorMentions.size(); i++) {
            CompetitorMention c = competitorMentions.get(i);
            mentions.add(c == null ? null : new MeetingEnded.CompetitorMention(c.mentionId(), c.competitor(), c.context(),
                    wire(MeetingEnded.Sentiment.class, c.sentiment(), "/competitor_mentions/" + i + "/sentiment", errors)));
        }
        return new MeetingEnded(meetingId, revision == null ? 0L : revision, title, startedAt, endedAt,
                organizer == null ? null : new MeetingEnded.Person(organizer.name(), organizer.email()), people, leadId, summary,
                meetingType, qualificationInsights, estimatedBudget, currency, items, mentions);
    }

    private static <E extends Enum<E> & WireEnum> E wire(Class<E> type, String value, String field, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return WireEnum.fromWire(type, value.strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = java.util.Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).toList();
            errors.add(new Problem.FieldError(field, "must be one of " + String.join(", ", names)));
            return null;
        }
    }

    private static String domainOf(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? null : email.substring(at + 1).strip().toLowerCase(Locale.ROOT);
    }
}
