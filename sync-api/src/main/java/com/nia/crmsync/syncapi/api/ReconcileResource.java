package com.nia.crmsync.syncapi.api;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.deletes.Reconciliation;
import com.nia.crmsync.syncapi.records.RecordAccesses;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * The id reconciliation that finds records deleted in Creatio: its state per entity type (every
 * person's role), and a cycle started now instead of on the schedule (operators and admins, audited):
 * 202 with the cycle per entity type (a cycle already running is answered, not doubled).
 */
@Path("/api/v1/crm/sync/reconcile/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReconcileResource {

    /** Which entity type to reconcile; absent: every type with NIA records. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Request(String entityType) {
    }

    /** The cycles started (or already running), by entity type. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Started(Map<String, UUID> cycles, String statusUrl) {
    }

    private final Reconciliation reconciliation;
    private final ConfigurationService configuration;
    private final RecordAccesses records;
    private final AuditTrail audit;

    public ReconcileResource(Reconciliation reconciliation, ConfigurationService configuration, RecordAccesses records,
            AuditTrail audit) {
        this.reconciliation = reconciliation;
        this.configuration = configuration;
        this.records = records;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public List<Reconciliation.State> states() {
        return reconciliation.states();
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("sync.reconcile")
    public Response start(@RequestBody(required = false) Request request) {
        List<EntityType> types = new ArrayList<>();
        if (request != null && request.entityType() != null) {
            EntityType type = EntityTypes.parse(request.entityType(), "/entity_type");
            if (!records.mirrored(type) || configuration.current().configuration().mapping(type).isEmpty()) {
                throw new ProblemException(422, "Not reconciled", type.wire() + " has no mapped NIA records to reconcile",
                        List.of(new Problem.FieldError("/entity_type", "not reconciled")));
            }
            types.add(type);
        } else {
            for (EntityMapping m : configuration.current().configuration().entities()) {
                if (records.mirrored(m.entityType())) {
                    types.add(m.entityType());
                }
            }
        }
        Map<String, UUID> cycles = new LinkedHashMap<>();
        for (EntityType type : types) {
            UUID cycle = QuarkusTransaction.requiringNew().call(() -> reconciliation.start(type, true));
            if (cycle != null) {
                cycles.put(type.wire(), cycle);
            }
        }
        Started started = new Started(cycles, "/api/v1/crm/sync/reconcile/");
        audit.target("sync-reconcile").after(started);
        return Response.accepted(started).location(URI.create(started.statusUrl())).build();
    }
}
