package com.nia.crmsync.syncapi.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.syncapi.service.FixtureService;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.security.Roles;

/**
 * {@code POST /api/v1/crm/fixtures}: loads a fixture file (demo data) into NIA's store — the earlier
 * implementation's {@code manage.py loaddata crm_sync_fixtures.json}; {@code deploy/local/run fixtures}
 * calls it. Admins only, audited; 200 with what was created and what was already there.
 */
@Path("/api/v1/crm/fixtures")
@Produces(MediaType.APPLICATION_JSON)
public class FixtureResource {

    private final FixtureService fixtures;
    private final AuditTrail audit;

    public FixtureResource(FixtureService fixtures, AuditTrail audit) {
        this.fixtures = fixtures;
        this.audit = audit;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Audited("fixtures.load")
    public FixtureView load(String body) {
        FixtureView view = FixtureView.of(fixtures.load(body));
        audit.target("fixtures").after(view);
        return view;
    }

    /** What a load did, per entity type. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FixtureView(Counts leads, Counts contacts, int syncStatesCreated) {

        /** Records created by this load, and records whose id was already there (left as they are). */
        @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
        public record Counts(int created, int alreadyPresent) {
        }

        static FixtureView of(FixtureService.Report r) {
            return new FixtureView(new Counts(r.leadsCreated(), r.leadsPresent()), new Counts(r.contactsCreated(), r.contactsPresent()),
                    r.syncStatesCreated());
        }
    }
}
