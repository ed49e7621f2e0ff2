package com.nia.crmsync.syncapi.api;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.entity.Contact;

/** A contact as the API shows it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContactView(
        UUID id,
        String fullName,
        String email,
        String phone,
        String jobTitle,
        String company,
        Instant createdAt,
        Instant updatedAt,
        boolean deleted,
        long version) {

    public static ContactView of(Contact c) {
        return new ContactView(c.id, c.fullName, c.email, c.phone, c.jobTitle, c.company, c.createdAt, c.updatedAt, c.deleted, c.version);
    }
}
