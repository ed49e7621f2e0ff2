package com.nia.crmsync.syncapi.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A follow-up from a meeting's action item: the NIA side of a Creatio {@code Activity} of type Task.
 * Found again by {@code (meetingId, actionItemId)}; an item dropped by a later revision is canceled.
 */
@Entity
@Table(name = "meeting_task")
public class MeetingTask extends NiaRecordEntity {

    /** The meeting, null for a task created in Creatio (imported by the pull). */
    @Column(name = "meeting_id")
    public UUID meetingId;

    @Column(name = "action_item_id")
    public String actionItemId;

    @Column(nullable = false)
    public String title;

    public String description;

    @Column(name = "owner_email")
    public String ownerEmail;

    @Column(name = "owner_name")
    public String ownerName;

    @Column(name = "owner_creatio_id")
    public UUID ownerCreatioId;

    @Column(name = "owner_source")
    public String ownerSource;

    @Column(name = "due_date")
    public LocalDate dueDate;

    /** The start Creatio holds for a task created there; null for an action item (the meeting's end counts). */
    @Column(name = "start_at")
    public Instant startAt;

    /** The exact due time Creatio holds once a person re-dated the task there; null means {@link #dueDate} counts. */
    @Column(name = "due_at")
    public Instant dueAt;

    @Column(nullable = false)
    public String priority;

    @Column(nullable = false)
    public String status;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "contact_id")
    public UUID contactId;

    /** {@code nia} (an action item) or {@code creatio} (created there, imported by the pull). */
    @Column(nullable = false)
    public String origin = "nia";
}
