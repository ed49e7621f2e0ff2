package com.nia.crmsync.syncapi.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.entity.LookupValue;
import com.nia.crmsync.syncapi.entity.Lead;

/**
 * A lead as the API shows it; {@code budget} is hidden from viewers by the field policy. {@code lookups}
 * holds the Creatio lookup values of its fields with their names ({@code {"status": {"id": "…", "name":
 * "Qualification"}}}), see {@link LookupViews}.
 */
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
        long version,
        Map<String, LookupValue> lookups) {

    public static LeadView of(Lead l) {
        return of(l, null);
    }

    /** The lead with the Creatio lookup values of its fields and their names. */
    public static LeadView of(Lead l, Map<String, LookupValue> lookups) {
        return new LeadView(l.id, l.firstName, l.lastName, l.email, l.phone, l.company, l.title, l.status, l.ownerEmail,
                l.budget, l.budgetDiscussed, l.decisionMakerIdentified, l.timeline, l.meetingType, l.meetingDate, l.notes,
                l.createdAt, l.updatedAt, l.deleted, l.version, lookups);
    }
}
