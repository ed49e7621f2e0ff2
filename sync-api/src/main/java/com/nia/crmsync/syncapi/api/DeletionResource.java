package com.nia.crmsync.syncapi.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.deletes.Deletions;
import com.nia.crmsync.syncapi.records.SyncDeletion;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * Deletions both ways — found in Creatio by the id reconciliation ({@code to_nia}) and NIA soft deletes
 * of linked records ({@code to_creatio}): the list (every person's role reads it, the safety breaker's
 * state per type and direction included), and an admin's decisions about the deletions the breaker
 * held — approve (propagate by the entity's delete mode) or reject (found in Creatio: restore there
 * with the NIA values; made in NIA: take the NIA soft delete back) — one at a time or in bulk, each audited.
 */
@Path("/api/v1/crm/sync/deletions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeletionResource {

    static final Set<String> STATUSES = Set.of(SyncDeletion.PENDING, SyncDeletion.APPLIED, SyncDeletion.APPROVED,
            SyncDeletion.REJECTED, SyncDeletion.REAPPEARED, SyncDeletion.DELETED_IN_NIA);
    static final Set<String> DIRECTIONS = Set.of(SyncDeletion.TO_NIA, SyncDeletion.TO_CREATIO);

    /** A bulk decision: the deletions' ids. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Decision(@NotEmpty @Size(max = 1000) List<@NotNull UUID> ids) {
    }

    private final Deletions deletions;
    private final AuditTrail audit;

    public DeletionResource(Deletions deletions, AuditTrail audit) {
        this.deletions = deletions;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Transactional
    public DeletionView.Page list(@QueryParam("status") String status, @QueryParam("entity_type") String entityType,
            @QueryParam("direction") String direction, @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        if (status != null && !STATUSES.contains(status)) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "Invalid request", "status must be one of "
                    + new java.util.TreeSet<>(STATUSES), List.of(new Problem.FieldError("status", "unknown status")));
        }
        if (direction != null && !DIRECTIONS.contains(direction)) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "Invalid request", "direction must be one of "
                    + new java.util.TreeSet<>(DIRECTIONS), List.of(new Problem.FieldError("direction", "unknown direction")));
        }
        EntityType type = entityType == null ? null : EntityTypes.parse(entityType, "entity_type");
        var query = deletions.list(status, type, direction).page(Page.of(page, size));
        List<DeletionView> items = query.list().stream().map(DeletionView::of).toList();
        return new DeletionView.Page(items, page, size, query.count(), deletions.breakers());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Transactional
    public DeletionView get(@PathParam("id") UUID id) {
        return DeletionView.of(deletions.get(id));
    }

    @POST
    @Path("/{id}/approve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Audited("sync.deletion.approve")
    @Transactional
    public DeletionView approve(@PathParam("id") UUID id, @Context SecurityContext security) {
        return decide(id, deletions::approve, security);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Audited("sync.deletion.reject")
    @Transactional
    public DeletionView reject(@PathParam("id") UUID id, @Context SecurityContext security) {
        return decide(id, deletions::reject, security);
    }

    @POST
    @Path("/approve")
    @RolesAllowed(Roles.ADMIN)
    @Audited("sync.deletion.approve-bulk")
    public DeletionView.Bulk approveAll(@NotNull @Valid Decision decision, @Context SecurityContext security) {
        return decideEach(decision, deletions::approve, "approve", security);
    }

    @POST
    @Path("/reject")
    @RolesAllowed(Roles.ADMIN)
    @Audited("sync.deletion.reject-bulk")
    public DeletionView.Bulk rejectAll(@NotNull @Valid Decision decision, @Context SecurityContext security) {
        return decideEach(decision, deletions::reject, "reject", security);
    }

    /** One decision (approve or reject, by the caller), audited with the deletion before and after. */
    private DeletionView decide(UUID id, BiFunction<UUID, String, SyncDeletion> decide, SecurityContext security) {
        DeletionView before = DeletionView.of(deletions.get(id));
        DeletionView after = DeletionView.of(decide.apply(id, user(security)));
        audit.target("sync-deletion/" + id).before(before).after(after);
        return after;
    }

    /** Each deletion in its own transaction: one that cannot be decided leaves the others decided. */
    private DeletionView.Bulk decideEach(Decision decision, BiFunction<UUID, String, SyncDeletion> decide, String verb,
            SecurityContext security) {
        String actor = user(security);
        List<DeletionView> decided = new ArrayList<>();
        List<DeletionView.Refused> refused = new ArrayList<>();
        for (UUID id : new java.util.LinkedHashSet<>(decision.ids())) {
            try {
                decided.add(QuarkusTransaction.requiringNew().call(() -> DeletionView.of(decide.apply(id, actor))));
            } catch (ProblemException e) {
                refused.add(new DeletionView.Refused(id, e.status(), e.getMessage()));
            }
        }
        DeletionView.Bulk bulk = new DeletionView.Bulk(decided, refused);
        audit.target("sync-deletions/" + verb).after(bulk);
        return bulk;
    }

    private static String user(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }
}
