package com.nia.crmsync.syncapi.api;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.nia.crmsync.syncapi.pipeline.PipelineCheck;
import com.nia.crmsync.syncapi.pipeline.PipelineCheckRequest;
import com.nia.crmsync.syncapi.pipeline.PipelineCheckService;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * End-to-end pipeline checks: is sync-api connected, through Kafka, to working workers? Starting
 * one is an operator's act (audited); reading one is open to every person's role.
 */
@Path("/api/v1/crm/sync/pipeline-check")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PipelineCheckResource {

    private final PipelineCheckService service;
    private final AuditTrail audit;

    public PipelineCheckResource(PipelineCheckService service, AuditTrail audit) {
        this.service = service;
        this.audit = audit;
    }

    @POST
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("pipeline-check.start")
    public Response start(@Valid @NotNull PipelineCheckRequest request) {
        UUID runId = service.start(request);
        audit.target(runId.toString());
        return Response.accepted(Map.of("run_id", runId, "count", request.count()))
                .location(URI.create("/api/v1/crm/sync/pipeline-check/" + runId))
                .build();
    }

    @GET
    @Path("/{runId}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public PipelineCheck check(@PathParam("runId") UUID runId) {
        PipelineCheck check = service.check(runId);
        if (check == null) {
            throw new ProblemException(Response.Status.NOT_FOUND, "Unknown pipeline check", "No pipeline check " + runId, null);
        }
        return check;
    }
}
