package com.nia.crmsync.syncapi.entity;

import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * One participant of a meeting, matched to an NIA contact (or known only as a lead); synced as a
 * Creatio {@code ActivityParticipant} when it has a contact.
 */
@Entity
@Table(name = "meeting_participant")
public class MeetingParticipant extends NiaRecordEntity {

    @Column(name = "meeting_id", nullable = false)
    public UUID meetingId;

    @Column(nullable = false)
    public int position;

    public String name;

    public String email;

    public String company;

    @Column(name = "job_title")
    public String jobTitle;

    @Column(nullable = false)
    public boolean internal;

    @Column(name = "contact_id")
    public UUID contactId;

    @Column(name = "lead_id")
    public UUID leadId;

    @Column(name = "match_rule", nullable = false)
    public String matchRule;
}
