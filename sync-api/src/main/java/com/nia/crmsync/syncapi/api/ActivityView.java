package com.nia.crmsync.syncapi.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.entity.LookupValue;
import com.nia.crmsync.syncapi.entity.CompetitorMention;
import com.nia.crmsync.syncapi.entity.Meeting;
import com.nia.crmsync.syncapi.entity.MeetingParticipant;
import com.nia.crmsync.syncapi.entity.MeetingTask;
import com.nia.crmsync.syncapi.meeting.CompetitorReports;
import com.nia.crmsync.syncapi.records.CreatioSync;

/** The views of {@code GET /api/v1/crm/meetings/} and {@code /tasks/}: NIA's meetings and tasks with their Creatio state. */
public final class ActivityView {

    private ActivityView() {
    }

    /**
     * A record's sync state, as the list shows it.
     *
     * @param status    {@code pending} (a waiting record says what for in {@code lastError}), {@code in_progress}, {@code synced}, ...
     * @param creatioId the Creatio {@code Activity} (or {@code ActivityParticipant}) id once written
     * @param lastError the last failure, or {@code waiting: ...}
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Sync(String status, UUID creatioId, String lastError, Instant lastSyncedAt) {

        static Sync of(CreatioSync row) {
            return row == null ? null : new Sync(row.status, row.creatioId, row.lastError, row.lastSyncedAt);
        }
    }

    /** A meeting (its notes may carry the competitor block); {@code owner} is the Creatio owner contact with its name. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MeetingItem(UUID id, String meetingId, long revision, String origin, String title, Instant startedAt, Instant endedAt,
            String organizerName, String organizerEmail, UUID leadId, UUID contactId, String meetingType, String status, String summary,
            String notes, UUID ownerCreatioId, LookupValue owner, String ownerSource, Instant updatedAt, Sync sync) {

        static MeetingItem of(Meeting m, CreatioSync row, LookupValue owner) {
            return new MeetingItem(m.id, m.meetingKey, m.revision, m.origin, m.title, m.startedAt, m.endedAt, m.organizerName,
                    m.organizerEmail, m.leadId, m.contactId, m.meetingType, m.status, m.summary, m.notes, m.ownerCreatioId,
                    owner, m.ownerSource, m.updatedAt, Sync.of(row));
        }
    }

    /** A task (an action item, or created in Creatio); {@code owner} is the Creatio owner contact with its name. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TaskItem(UUID id, UUID meetingId, String actionItemId, String origin, String title, String description,
            String status, String priority, LocalDate dueDate, Instant dueAt, String ownerEmail, UUID ownerCreatioId, LookupValue owner,
            String ownerSource, UUID leadId, UUID contactId, Instant updatedAt, Sync sync) {

        static TaskItem of(MeetingTask t, CreatioSync row, LookupValue owner) {
            return new TaskItem(t.id, t.meetingId, t.actionItemId, t.origin, t.title, t.description, t.status, t.priority, t.dueDate,
                    t.dueAt, t.ownerEmail, t.ownerCreatioId, owner, t.ownerSource, t.leadId, t.contactId, t.updatedAt, Sync.of(row));
        }
    }

    /** A participant and what it was matched to. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ParticipantItem(UUID id, String name, String email, String company, String jobTitle, boolean internal,
            UUID contactId, UUID leadId, String matchRule, boolean removed, Sync sync) {

        static ParticipantItem of(MeetingParticipant p, CreatioSync row) {
            return new ParticipantItem(p.id, p.name, p.email, p.company, p.jobTitle, p.internal, p.contactId, p.leadId, p.matchRule,
                    p.deleted, Sync.of(row));
        }
    }

    /** A meeting with everything it produced. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MeetingDetail(MeetingItem meeting, List<ParticipantItem> participants, List<TaskItem> tasks,
            List<CompetitorReports.Mention> competitorMentions) {
    }

    static CompetitorReports.Mention mention(CompetitorMention c) {
        return new CompetitorReports.Mention(c.id, c.meetingId, c.competitor, c.competitorKey, c.context, c.sentiment, c.leadId,
                c.mentionedAt);
    }
}
