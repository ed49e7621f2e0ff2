package com.nia.crmsync.syncapi.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.nia.crmsync.syncapi.entity.NiaRecordEntity;
import com.nia.crmsync.syncapi.service.Created;
import com.nia.crmsync.syncapi.service.NiaRecordStore;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.audit.AuditedKind;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.security.Roles;

/**
 * The one declaration of the HTTP endpoints of an NIA record store people edit (leads, contacts);
 * a subclass only names its path, store, view and list filters. Reads are open to every person's
 * role, writes to operators and admins, audited as {@code <kind>.create|update|delete}. A record
 * comes as its view with its version as {@code ETag}; a creation answers 201 with a {@code Location}
 * (200 for a repeated idempotent one), a delete 204; every change names its target and states before
 * and after in the audit trail.
 *
 * <p>Quarkus enforces the roles, constraints and audit of these inherited methods as of a resource's
 * own, but does not add the security of an inherited {@code @RolesAllowed} to the OpenAPI document:
 * each method states its security requirement next to its roles, and {@link RecordResourceDocs} adds
 * the 401/403/400 answers Quarkus would add.
 *
 * @param <E> the entity
 * @param <I> the input a client writes
 * @param <V> the view the API shows
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public abstract class RecordResource<E extends NiaRecordEntity, I, V> implements AuditedKind {

    private final NiaRecordStore<E, I> store;
    private final AuditTrail audit;
    private final Function<E, V> view;
    private final String kind;
    private final String path;
    private final List<String> filters;
    private final List<String> searchFields;

    /**
     * @param kind the record's name in audit actions and targets ({@code lead})
     * @param path the collection's path ({@code /api/v1/leads}), as the subclass' {@code @Path}
     * @param filters the record fields a list may be filtered on by equality, each a query parameter
     *        of the same name (documented by {@link RecordResourceDocs})
     * @param searchFields the record's name fields that {@code q} searches besides the e-mail
     */
    protected RecordResource(NiaRecordStore<E, I> store, AuditTrail audit, Function<E, V> view, String kind,
            String path, List<String> filters, List<String> searchFields) {
        this.store = store;
        this.audit = audit;
        this.view = view;
        this.kind = kind;
        this.path = path;
        this.filters = filters;
        this.searchFields = searchFields;
    }

    @Override
    public String auditKind() {
        return kind;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @SecurityRequirement(name = "bearer", scopes = {Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public PageView<V> list(@QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size,
            @QueryParam("email") String email,
            @Parameter(description = "Part of the name or e-mail, in any case (the admin console's search)") @QueryParam("q") String search,
            @QueryParam("include_deleted") @DefaultValue("false") boolean includeDeleted, @Context UriInfo uri) {
        Map<String, String> equalTo = new LinkedHashMap<>();
        filters.forEach(f -> equalTo.put(f, uri.getQueryParameters().getFirst(f)));
        PageView<E> found = store.list(page, size, includeDeleted, email, equalTo,
                new NiaRecordStore.Search(search, searchFields));
        return new PageView<>(found.items().stream().map(view).toList(), found.page(), found.size(), found.total());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @SecurityRequirement(name = "bearer", scopes = {Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Response get(@PathParam("id") UUID id) {
        E record = store.get(id);
        return Response.ok(view.apply(record)).tag(Versions.tag(record.version)).build();
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited(AuditedKind.KIND + ".create")
    @SecurityRequirement(name = "bearer", scopes = {Roles.OPERATOR, Roles.ADMIN})
    public Response create(@Valid @NotNull I input, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        Created<E> created = store.create(input, idempotencyKey);
        E record = created.view();
        V after = view.apply(record);
        audit.target(kind + "/" + record.id).after(after);
        return Response.status(created.isNew() ? Response.Status.CREATED : Response.Status.OK)
                .location(URI.create(path + "/" + record.id))
                .tag(Versions.tag(record.version))
                .entity(after).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited(AuditedKind.KIND + ".update")
    @SecurityRequirement(name = "bearer", scopes = {Roles.OPERATOR, Roles.ADMIN})
    public Response replace(@PathParam("id") UUID id, @Valid @NotNull I input, @HeaderParam("If-Match") String ifMatch) {
        V before = view.apply(store.get(id));
        E record = store.replace(id, input, Versions.ifMatch(ifMatch));
        V after = view.apply(record);
        audit.target(kind + "/" + id).before(before).after(after);
        return Response.ok(after).tag(Versions.tag(record.version)).build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited(AuditedKind.KIND + ".delete")
    @SecurityRequirement(name = "bearer", scopes = {Roles.OPERATOR, Roles.ADMIN})
    public Response delete(@PathParam("id") UUID id, @HeaderParam("If-Match") String ifMatch) {
        V before = view.apply(store.get(id));
        V after = view.apply(store.delete(id, Versions.ifMatch(ifMatch)));
        audit.target(kind + "/" + id).before(before).after(after);
        return Response.noContent().build();
    }
}
