package com.nia.crmsync.syncapi.api;

import com.nia.crmsync.syncapi.service.LeadInput;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.records.NiaRecordKinds;
import com.nia.crmsync.syncapi.service.LeadService;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.security.Roles;

/** NIA's leads: read by every person's role, written by operators and admins (audited); see {@link RecordEndpoints}. */
@Path("/api/v1/leads")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LeadResource {

    private final LeadService leads;
    private final RecordEndpoints<Lead, LeadInput, LeadView> endpoints;

    public LeadResource(LeadService leads, AuditTrail audit, LookupViews lookups, NiaRecordKinds kinds) {
        this.leads = leads;
        this.endpoints = new RecordEndpoints<>(leads, audit,
                l -> LeadView.of(l, lookups.of(EntityType.LEAD, kinds.leads().record(l))), "lead", "/api/v1/leads");
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public PageView<LeadView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size,
            @QueryParam("email") String email, @QueryParam("status") String status,
            @QueryParam("include_deleted") @DefaultValue("false") boolean includeDeleted) {
        return endpoints.page(leads.list(page, size, includeDeleted, email, status == null ? Map.of() : Map.of("status", status)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Response get(@PathParam("id") UUID id) {
        return endpoints.get(id);
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("lead.create")
    public Response create(@Valid @NotNull LeadInput input, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        return endpoints.create(input, idempotencyKey);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("lead.update")
    public Response replace(@PathParam("id") UUID id, @Valid @NotNull LeadInput input, @HeaderParam("If-Match") String ifMatch) {
        return endpoints.replace(id, input, ifMatch);
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("lead.delete")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        return endpoints.delete(id, ifMatch);
    }
}
