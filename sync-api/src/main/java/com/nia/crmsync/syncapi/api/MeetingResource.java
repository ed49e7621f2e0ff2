package com.nia.crmsync.syncapi.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.validation.Violation;
import com.nia.crmsync.syncapi.meeting.Intake;
import com.nia.crmsync.syncapi.meeting.MeetingService;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * The seed's {@code POST /api/v1/crm/sync/create-activity/} (operators and admins, audited): the
 * {@code meeting_data} JSON — wrapped as {@code {"meeting_data": {...}}} or bare — becomes a
 * meeting-ended event, is validated whole (400 naming each field, e.g. {@code /meeting_data/title})
 * and goes through the same intake as the topic's events. 201 with what was written and planned
 * for a meeting NIA did not know, else 200 (a higher revision updated it; the same or an older one
 * changed nothing).
 */
@Path("/api/v1/crm/sync/create-activity/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MeetingResource {

    static final String WRAPPER = "meeting_data";

    private final MeetingService meetings;
    private final AuditTrail audit;

    public MeetingResource(MeetingService meetings, AuditTrail audit) {
        this.meetings = meetings;
        this.audit = audit;
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("meeting.create-activity")
    public Response createActivity(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid(List.of(new Problem.FieldError("/", "must be a JSON object: the meeting_data")));
        }
        boolean wrapped = body.has(WRAPPER);
        String prefix = wrapped ? "/" + WRAPPER : "";
        JsonNode data = wrapped ? body.get(WRAPPER) : body;
        if (data == null || !data.isObject()) {
            throw invalid(List.of(new Problem.FieldError(prefix.isEmpty() ? "/" : prefix, "must be a JSON object")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        MeetingEnded event;
        try {
            event = MeetingData.read(data, errors);
        } catch (MismatchedInputException e) {
            String at = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
                    .reduce(prefix, (a, b) -> a + "/" + b);
            throw invalid(List.of(new Problem.FieldError(at.isEmpty() ? "/" : at, "cannot be read")));
        } catch (JsonProcessingException e) {
            throw invalid(List.of(new Problem.FieldError(prefix.isEmpty() ? "/" : prefix, "cannot be read")));
        }
        errors = new ArrayList<>(errors.stream().map(e -> new Problem.FieldError(prefix + e.field(), e.message())).toList());
        for (Violation v : event.validate()) {
            errors.add(new Problem.FieldError(pointer(prefix, v.path()), v.message()));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Intake intake = meetings.apply(event, null);
        audit.target("meeting/" + intake.meetingId()).after(intake);
        return Response.status(intake.outcome() == Intake.Outcome.CREATED ? Response.Status.CREATED : Response.Status.OK)
                .entity(intake).build();
    }

    /** {@code /payload/actionItems/0/ownerEmail} → {@code <prefix>/action_items/0/owner_email}. */
    static String pointer(String prefix, String violationPath) {
        String path = violationPath.startsWith("/payload") ? violationPath.substring("/payload".length()) : violationPath;
        String snake = path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
        String full = prefix + snake;
        return full.isEmpty() ? "/" : full;
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(Response.Status.BAD_REQUEST, "Invalid request", errors.size() + " field(s) are invalid", errors);
    }
}
