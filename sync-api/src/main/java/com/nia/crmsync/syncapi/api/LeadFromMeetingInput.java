package com.nia.crmsync.syncapi.api;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The seed's {@code update_lead_from_meeting_data(lead_id, meeting_data)} as
 * {@code POST /api/v1/crm/sync/update-lead-from-meeting/} takes it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LeadFromMeetingInput(@NotNull UUID leadId, @NotNull @Valid MeetingData meetingData) {

    /** What of a meeting the lead rules read; every part optional. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MeetingData(
            Map<String, Object> qualificationInsights,
            @Size(max = 50) String meetingType,
            @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal estimatedBudget,
            Instant startedAt,
            @Size(max = 500) String title) {
    }
}
