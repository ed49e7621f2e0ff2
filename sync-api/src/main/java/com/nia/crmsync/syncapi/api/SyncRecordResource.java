package com.nia.crmsync.syncapi.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.deletes.Deletions;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * One record's sync state ({@code CreatioSync}): read by every person's role; its retry limit
 * ({@code max_retries}) set per record by operators and admins (audited), e.g. to give a record
 * that fails on a flaky Creatio customisation more attempts than the configuration's default.
 */
@Path("/api/v1/crm/sync/records/{entityType}/{localId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SyncRecordResource {

    /** The editable part: the record's own retry limit; null goes back to the configuration's default. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record RetryLimit(@Min(0) @Max(100) Integer maxRetries) {
    }

    private final CreatioSyncRepository states;
    private final ConfigurationService configurations;
    private final AuditTrail audit;
    private final Deletions deletions;

    public SyncRecordResource(CreatioSyncRepository states, ConfigurationService configurations, AuditTrail audit,
            Deletions deletions) {
        this.deletions = deletions;
        this.states = states;
        this.configurations = configurations;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Transactional
    public SyncRecordView get(@PathParam("entityType") String entityType, @PathParam("localId") UUID localId) {
        return SyncRecordView.of(require(entityType, localId), defaultMaxRetries());
    }

    @PATCH
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("sync.record.max-retries")
    @Transactional
    public SyncRecordView setRetryLimit(@PathParam("entityType") String entityType, @PathParam("localId") UUID localId,
            @NotNull @jakarta.validation.Valid RetryLimit limit) {
        CreatioSync state = require(entityType, localId);
        SyncRecordView before = SyncRecordView.of(state, defaultMaxRetries());
        state.maxRetries = limit.maxRetries();
        state.updatedAt = Instant.now();
        SyncRecordView after = SyncRecordView.of(state, defaultMaxRetries());
        audit.target(state.entityType + "/" + localId + "/sync").before(before).after(after);
        return after;
    }

    /**
     * Resolves an {@code update_vs_delete} (NIA changed a record deleted in Creatio) by recreating it in
     * Creatio with the NIA values and its former Creatio id: 202, the restore is a command like any other.
     * The conflict service's resolution ({@code restore_in_creatio}) calls the same.
     */
    @POST
    @Path("/restore")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("sync.record.restore")
    @Transactional
    public Response restore(@PathParam("entityType") String entityType, @PathParam("localId") UUID localId) {
        CreatioSync state = require(entityType, localId);
        SyncRecordView before = SyncRecordView.of(state, defaultMaxRetries());
        SyncRecordView after = SyncRecordView.of(deletions.restore(EntityType.fromWire(state.entityType), localId),
                defaultMaxRetries());
        audit.target(state.entityType + "/" + localId + "/sync").before(before).after(after);
        return Response.accepted(after).build();
    }

    /**
     * Resolves an {@code update_vs_delete} by deleting the record in NIA too (soft delete; the tombstone
     * keeps its values). The conflict service's resolution ({@code delete_in_nia}) calls the same.
     */
    @POST
    @Path("/delete-in-nia")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("sync.record.delete-in-nia")
    @Transactional
    public DeletionView deleteInNia(@PathParam("entityType") String entityType, @PathParam("localId") UUID localId,
            @jakarta.ws.rs.core.Context jakarta.ws.rs.core.SecurityContext security) {
        CreatioSync state = require(entityType, localId);
        SyncRecordView before = SyncRecordView.of(state, defaultMaxRetries());
        DeletionView after = DeletionView.of(deletions.deleteInNia(EntityType.fromWire(state.entityType), localId,
                security.getUserPrincipal().getName()));
        audit.target(state.entityType + "/" + localId + "/sync").before(before).after(after);
        return after;
    }

    private CreatioSync require(String entityType, UUID localId) {
        EntityType type;
        try {
            type = EntityType.fromWire(entityType);
        } catch (RuntimeException unknown) {
            throw new ProblemException(Response.Status.BAD_REQUEST, "Unknown entity type",
                    "'" + entityType + "' is not an entity type", List.of(new Problem.FieldError("entityType", "unknown")));
        }
        return states.of(type, localId).orElseThrow(() -> new ProblemException(Response.Status.NOT_FOUND, "Never synced",
                "No sync state for " + type.wire() + " " + localId + ": it was never planned", List.of()));
    }

    private int defaultMaxRetries() {
        return configurations.current().configuration().defaultMaxRetries();
    }
}
