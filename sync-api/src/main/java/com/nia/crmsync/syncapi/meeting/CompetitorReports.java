package com.nia.crmsync.syncapi.meeting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The competitor-mention reports ({@code GET /api/v1/crm/competitors/} answers them as they are): single mentions, or counts grouped one of three ways. */
public final class CompetitorReports {

    private CompetitorReports() {
    }

    /** One mention; {@code competitor} as it was said, {@code competitor_key} as it is grouped. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Mention(UUID id, UUID meetingId, String competitor, String competitorKey, String context, String sentiment,
            UUID leadId, Instant mentionedAt) {
    }

    /** {@code group_by=competitor}: how often, in how many meetings and for how many leads, first and last. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ByCompetitor(String competitorKey, String competitor, long mentions, long meetings, long leads,
            Instant firstMentionedAt, Instant lastMentionedAt) {
    }

    /** {@code group_by=lead}: per lead and competitor. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ByLead(UUID leadId, String competitorKey, String competitor, long mentions, Instant firstMentionedAt,
            Instant lastMentionedAt) {
    }

    /** {@code group_by=day|week|month}: per period (its first day, UTC; weeks start on Monday) and competitor. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record OverTime(LocalDate period, String competitorKey, String competitor, long mentions) {
    }
}
