package com.nia.crmsync.syncapi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.nia.crmsync.web.security.Roles;

/**
 * A stand-in for the lead views later issues add (records, plans, conflicts): only in the test
 * application, to prove that the field policy reaches every JSON response without the resource
 * doing anything.
 */
@Path("/api/v1/test/lead-view")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
public class LeadViewTestResource {

    /** A lead as a record view shows it. */
    public record LeadView(String id, String name, BigDecimal budget) {
    }

    /** A sync plan row: the changes as a map of field → value. */
    public record PlanView(String entity, Map<String, Object> changes) {
    }

    /** A record view and a plan view of the same lead in one answer. */
    public record Views(LeadView lead, List<PlanView> plan) {
    }

    @GET
    public Views views() {
        return new Views(new LeadView("lead-1", "Acme GmbH", new BigDecimal("125000")),
                List.of(new PlanView("lead", Map.of("name", "Acme GmbH", "budget", 125000))));
    }
}
