package com.nia.crmsync.syncapi.service;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A lead as a client writes it (create or full replace), in NIA's canonical field names. A lead
 * needs something to be known by: a last name, an email or a company.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LeadInput(
        @Size(max = 100) String firstName,
        @Size(max = 100) String lastName,
        @Email @Size(max = 254) String email,
        @Size(max = 40) @Pattern(regexp = "[+0-9 ()./-]*", message = "may hold digits, spaces and + ( ) . / - only") String phone,
        @Size(max = 250) String company,
        @Size(max = 250) String title,
        @Pattern(regexp = "new|qualified|nurturing|disqualified|not_interested|converted",
                message = "must be one of new, qualified, nurturing, disqualified, not_interested, converted") String status,
        @Email @Size(max = 254) String ownerEmail,
        @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal budget,
        Boolean budgetDiscussed,
        Boolean decisionMakerIdentified,
        @Size(max = 250) String timeline,
        @Size(max = 50) String meetingType,
        Instant meetingDate,
        @Size(max = 10_000) String notes) {

    /** The lead can be told apart from others. */
    @JsonIgnore
    @AssertTrue(message = "a lead needs a last_name, an email or a company")
    public boolean isIdentifiable() {
        return notBlank(lastName) || notBlank(email) || notBlank(company);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
