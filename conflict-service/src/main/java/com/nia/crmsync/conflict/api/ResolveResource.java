package com.nia.crmsync.conflict.api;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.security.identity.SecurityIdentity;

import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.conflict.service.ConflictAudit;
import com.nia.crmsync.conflict.service.ConflictSnapshot;
import com.nia.crmsync.conflict.service.Resolutions;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.security.Roles;

/**
 * The seed's resolve endpoint, {@code POST /api/v1/crm/sync/resolve-conflict/} (routed here by the
 * front router): one decision on one conflict, answered 202 with the conflict {@code applying} once
 * the decision and its command are committed; the audit entry names the caller, the strategy and
 * the values before and after.
 */
@Path("/api/v1/crm/sync/resolve-conflict")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ResolveResource {

    private final Resolutions resolutions;
    private final AuditTrail audit;
    private final SecurityIdentity identity;

    public ResolveResource(Resolutions resolutions, AuditTrail audit, SecurityIdentity identity) {
        this.resolutions = resolutions;
        this.audit = audit;
        this.identity = identity;
    }

    @POST
    @Path("/")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("conflict.resolve")
    @Transactional
    public Response resolve(@NotNull @Valid Requests.Resolve request) {
        SyncConflict current = resolutions.get(request.conflictId(), "/conflict_id");
        ConflictSnapshot before = ConflictSnapshot.of(current);
        SyncConflict c = resolutions.resolve(request.conflictId(), request.decision(), identity.getPrincipal().getName(),
                uuidOf(audit.correlationId()));
        ConflictSnapshot after = ConflictSnapshot.of(c);
        audit.target(ConflictAudit.target(c)).before(before).after(after);
        return Response.accepted(after).build();
    }

    /** The request's correlation id as a UUID (a caller's non-UUID id maps to a name-based one). */
    static UUID uuidOf(String correlationId) {
        try {
            return UUID.fromString(correlationId);
        } catch (IllegalArgumentException notAUuid) {
            return UUID.nameUUIDFromBytes(correlationId.getBytes(StandardCharsets.UTF_8));
        }
    }
}
