package com.nia.crmsync.syncapi.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import com.nia.crmsync.syncapi.runs.SyncLogQuery;
import com.nia.crmsync.syncapi.runs.SyncLogView;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.security.Roles;

/**
 * The sync log, newest first, for every person's role: filters by entity type and local id,
 * level, operation, time ({@code from} inclusive, {@code to} exclusive, ISO-8601), correlation id
 * and run; pages of {@code size} ≤ 500. Sensitive summary fields are left out for viewers by the
 * field policy.
 */
@Path("/api/v1/crm/sync/logs")
@Produces(MediaType.APPLICATION_JSON)
public class SyncLogResource {

    private final SyncLogQuery query;

    public SyncLogResource(SyncLogQuery query) {
        this.query = query;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public PageView<SyncLogView> list(@QueryParam("entity_type") String entityType, @QueryParam("local_id") String localId,
            @QueryParam("level") String level, @QueryParam("operation") String operation, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("correlation_id") String correlationId, @QueryParam("run_id") String runId,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return query.find(new SyncLogQuery.Filters(entityType, localId, level, operation, from, to, correlationId, runId, page, size));
    }
}
