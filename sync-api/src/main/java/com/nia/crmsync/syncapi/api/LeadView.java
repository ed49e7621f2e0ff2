package com.nia.crmsync.syncapi.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.entity.Lead;

/** A lead as the API shows it; {@code budget} is hidden from viewers by the field policy. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LeadView(
        UUID id,
        String firstName,
        String lastName,
        String email,
        String phone,
        String company,
        String title,
        String status,
        String ownerEmail,
        BigDecimal budget,
        boolean budgetDiscussed,
        boolean decisionMakerIdentified,
        String timeline,
        String meetingType,
        Instant meetingDate,
        String notes,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {

    public static LeadView of(Lead l) {
        return new LeadView(l.id, l.firstName, l.lastName, l.email, l.phone, l.company, l.title, l.status, l.ownerEmail,
                l.budget, l.budgetDiscussed, l.decisionMakerIdentified, l.timeline, l.meetingType, l.meetingDate, l.notes,
                l.createdAt, l.updatedAt, l.deleted, l.version);
    }
}
