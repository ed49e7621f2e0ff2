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
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.service.ConfigurationService;
import com.nia.crmsync.syncapi.sync.CreatioSync;
import com.nia.crmsync.syncapi.sync.CreatioSyncRepository;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
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

    public SyncRecordResource(CreatioSyncRepository states, ConfigurationService configurations, AuditTrail audit) {
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
