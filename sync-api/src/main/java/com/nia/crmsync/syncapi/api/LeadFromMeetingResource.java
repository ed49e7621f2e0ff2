package com.nia.crmsync.syncapi.api;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.meeting.LeadMeetingRules.MeetingFacts;
import com.nia.crmsync.syncapi.meeting.MeetingService;
import com.nia.crmsync.syncapi.service.LeadService;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * The seed's {@code POST /api/v1/crm/sync/update-lead-from-meeting/} (operators and admins,
 * audited): only the lead rules of a meeting (docs/meetings.md), written as an NIA edit that plans
 * the lead's sync. 200 with the fields changed (none when the lead holds them already) and the
 * lead; 404 for an unknown lead, 409 for a deleted one, 400 naming the field.
 */
@Path("/api/v1/crm/sync/update-lead-from-meeting/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LeadFromMeetingResource {

    /** The answer: what changed, and the lead as it is now. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Updated(UUID leadId, Map<String, Object> changed, LeadView lead) {
    }

    private final MeetingService meetings;
    private final LeadService leads;
    private final AuditTrail audit;

    public LeadFromMeetingResource(MeetingService meetings, LeadService leads, AuditTrail audit) {
        this.meetings = meetings;
        this.leads = leads;
        this.audit = audit;
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("lead.update-from-meeting")
    public Updated update(@Valid @NotNull LeadFromMeetingInput input) {
        LeadFromMeetingInput.MeetingData data = input.meetingData();
        if (data.qualificationInsights() != null) {
            List<Problem.FieldError> errors = data.qualificationInsights().entrySet().stream()
                    .filter(e -> e.getValue() != null && !(e.getValue() instanceof String || e.getValue() instanceof Number
                            || e.getValue() instanceof Boolean))
                    .map(e -> new Problem.FieldError("/meeting_data/qualification_insights/" + e.getKey(),
                            "must be a string, number, boolean or null"))
                    .toList();
            if (!errors.isEmpty()) {
                throw new ProblemException(Response.Status.BAD_REQUEST, "Invalid request", errors.size() + " field(s) are invalid", errors);
            }
        }
        LeadView before = LeadView.of(leads.get(input.leadId()));
        Map<String, Object> changed = meetings.updateLead(input.leadId(), new MeetingFacts(data.title(), data.startedAt(),
                data.meetingType(), data.estimatedBudget(), data.qualificationInsights()));
        LeadView after = LeadView.of(leads.get(input.leadId()));
        audit.target("lead/" + input.leadId()).before(before).after(after);
        return new Updated(input.leadId(), changed, after);
    }
}
