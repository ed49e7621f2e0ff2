package com.nia.crmsync.syncapi.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.nia.crmsync.syncapi.meeting.CompetitorStats;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.list.QueryParams;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.security.Roles;

/**
 * Competitive intelligence from meetings (every person's role): {@code GET /api/v1/crm/competitors/}
 * lists the mentions newest first, or with {@code group_by} counts them by {@code competitor} (with
 * first and last mention), by {@code lead} and competitor, or per {@code day}, {@code week} or
 * {@code month} and competitor. Filters: {@code competitor} (any case), {@code lead_id},
 * {@code since} (inclusive) and {@code until} (exclusive), each an ISO-8601 instant or date (UTC).
 * Paged like every list ({@code page} from 0, {@code size} up to 500).
 */
@Path("/api/v1/crm/competitors/")
@Produces(MediaType.APPLICATION_JSON)
public class CompetitorResource {

    static final List<String> GROUPS = List.of("competitor", "lead", "day", "week", "month");

    private final CompetitorStats stats;

    public CompetitorResource(CompetitorStats stats) {
        this.stats = stats;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public PageView<?> list(@QueryParam("competitor") String competitor, @QueryParam("lead_id") String leadId,
            @QueryParam("since") String since, @QueryParam("until") String until, @QueryParam("group_by") String groupBy,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        List<Problem.FieldError> errors = new ArrayList<>();
        UUID lead = QueryParams.uuid(leadId, "lead_id", errors);
        Instant from = time(since, "since", errors);
        Instant to = time(until, "until", errors);
        String group = groupBy == null || groupBy.isBlank() ? null : groupBy.strip().toLowerCase(java.util.Locale.ROOT);
        if (group != null && !GROUPS.contains(group)) {
            errors.add(new Problem.FieldError("group_by", "must be one of " + String.join(", ", GROUPS)));
        }
        int p = QueryParams.integer(page, "page", 0, 0, Integer.MAX_VALUE / 500, errors);
        int s = QueryParams.integer(size, "size", 50, 1, 500, errors);
        QueryParams.check(errors);
        CompetitorStats.Filters filters = new CompetitorStats.Filters(competitor == null || competitor.isBlank() ? null : competitor,
                lead, from, to);
        if (group == null) {
            return stats.mentions(filters, p, s);
        }
        return switch (group) {
            case "competitor" -> stats.byCompetitor(filters, p, s);
            case "lead" -> stats.byLead(filters, p, s);
            default -> stats.overTime(group, filters, p, s);
        };
    }

    /** An ISO-8601 instant, or a date meaning its start (UTC). */
    private static Instant time(String value, String name, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException notInstant) {
            try {
                return LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                errors.add(new Problem.FieldError(name, "must be an ISO-8601 instant or date, e.g. 2026-01-31T12:00:00Z or 2026-01-31"));
                return null;
            }
        }
    }
}
