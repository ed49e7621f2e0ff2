package com.nia.crmsync.syncapi.entity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * A meeting NIA recorded (from a meeting-ended event or the HTTP equivalent): the NIA side of a Creatio
 * meeting {@code Activity}. Its id is {@code Ids.localIdFor(MEETING, meetingKey)}.
 */
@Entity
@Table(name = "meeting")
public class Meeting extends NiaRecordEntity {

    @Column(name = "meeting_key", nullable = false)
    public String meetingKey;

    @Column(nullable = false)
    public long revision;

    @Column(name = "event_id")
    public UUID eventId;

    @Column(nullable = false)
    public String title;

    @Column(name = "started_at", nullable = false)
    public Instant startedAt;

    @Column(name = "ended_at", nullable = false)
    public Instant endedAt;

    @Column(name = "organizer_name")
    public String organizerName;

    /** Null for a meeting activity created in Creatio (imported by the pull). */
    @Column(name = "organizer_email")
    public String organizerEmail;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "contact_id")
    public UUID contactId;

    public String summary;

    public String notes;

    @Column(name = "meeting_type")
    public String meetingType;

    @Column(nullable = false)
    public String status;

    @Column(name = "owner_creatio_id")
    public UUID ownerCreatioId;

    @Column(name = "owner_source")
    public String ownerSource;

    /** {@code nia} (a meeting-ended event) or {@code creatio} (created there, imported by the pull). */
    @Column(nullable = false)
    public String origin = "nia";
}
