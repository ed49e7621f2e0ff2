package com.nia.crmsync.syncapi.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A competitor named in a meeting.
 */
@Entity
@Table(name = "competitor_mention")
public class CompetitorMention extends NiaRecordEntity {

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
}
