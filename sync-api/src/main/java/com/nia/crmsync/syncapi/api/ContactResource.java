package com.nia.crmsync.syncapi.api;

import java.net.URI;
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

import com.nia.crmsync.syncapi.service.Created;
import com.nia.crmsync.syncapi.service.ContactService;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.security.Roles;

/** NIA's contacts: read by every person's role, written by operators and admins (audited). */
@Path("/api/v1/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    private final ContactService contacts;
    private final AuditTrail audit;

    public ContactResource(ContactService contacts, AuditTrail audit) {
        this.contacts = contacts;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public PageView<ContactView> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size,
            @QueryParam("email") String email,
            @QueryParam("include_deleted") @DefaultValue("false") boolean includeDeleted) {
        return contacts.list(page, size, email, includeDeleted);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Response get(@PathParam("id") UUID id) {
        ContactView lead = contacts.get(id);
        return Response.ok(lead).tag(Versions.tag(lead.version())).build();
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("contact.create")
    public Response create(@Valid @NotNull ContactInput input, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Created<ContactView> created = contacts.create(input, idempotencyKey);
        audit.target("contact/" + created.view().id()).after(created.view());
        return Response.status(created.isNew() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create("/api/v1/contacts/" + created.view().id()))
                .tag(Versions.tag(created.view().version()))
                .entity(created.view()).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("contact.update")
    public Response replace(@PathParam("id") UUID id, @Valid @NotNull ContactInput input, @HeaderParam("If-Match") String ifMatch) {
        ContactView before = contacts.get(id);
        ContactView after = contacts.replace(id, input, Versions.ifMatch(ifMatch));
        audit.target("contact/" + id).before(before).after(after);
        return Response.ok(after).tag(Versions.tag(after.version())).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("contact.delete")
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        ContactView before = contacts.get(id);
        ContactView after = contacts.delete(id, Versions.ifMatch(ifMatch));
        audit.target("contact/" + id).before(before).after(after);
        return Response.noContent().build();
    }
}
