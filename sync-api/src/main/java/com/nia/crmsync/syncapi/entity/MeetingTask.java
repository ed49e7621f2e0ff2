package com.nia.crmsync.syncapi.entity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A follow-up from a meeting's action item: the NIA side of a Creatio {@code Activity} of type Task.
 * Found again by {@code (meetingId, actionItemId)}; an item dropped by a later revision is canceled.
 */
@Entity
@Table(name = "meeting_task")
public class MeetingTask {

    @Id
    public UUID id;

    @Column(name = "meeting_id", nullable = false)
    public UUID meetingId;

    @Column(name = "action_item_id", nullable = false)
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

    @Column(nullable = false)
    public String priority;

    @Column(nullable = false)
    public String status;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(nullable = false)
    public boolean deleted;

    @Column(name = "deleted_at")
    public Instant deletedAt;

    /** Counts every change; also Hibernate's optimistic lock. */
    @Version
    @Column(nullable = false)
    public long version;
}
