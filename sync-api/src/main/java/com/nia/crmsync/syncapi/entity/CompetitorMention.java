package com.nia.crmsync.syncapi.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A competitor named in a meeting.
 */
@Entity
@Table(name = "competitor_mention")
public class CompetitorMention {

    @Id
    public UUID id;

    @Column(name = "meeting_id", nullable = false)
    public UUID meetingId;

    @Column(name = "mention_key", nullable = false)
    public String mentionKey;

    @Column(nullable = false)
    public String competitor;

    @Column(name = "competitor_key", nullable = false)
    public String competitorKey;

    public String context;

    public String sentiment;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "mentioned_at", nullable = false)
    public Instant mentionedAt;

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
