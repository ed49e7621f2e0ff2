package com.nia.crmsync.syncapi.api;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

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

/** End-to-end pipeline checks: is sync-api connected, through Kafka, to working workers? */
@Path("/api/v1/crm/sync/pipeline-check")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PipelineCheckResource {

    private final PipelineCheckService service;

    public PipelineCheckResource(PipelineCheckService service) {
        this.service = service;
    }

    @POST
    public Response start(@Valid @NotNull PipelineCheckRequest request) {
        UUID runId = service.start(request);
        return Response.accepted(Map.of("runId", runId, "count", request.count()))
                .location(URI.create("/api/v1/crm/sync/pipeline-check/" + runId))
                .build();
    }

    @GET
    @Path("/{runId}")
    public PipelineCheck check(@PathParam("runId") UUID runId) {
        PipelineCheck check = service.check(runId);
        if (check == null) {
            throw new ProblemException(Response.Status.NOT_FOUND, "Unknown pipeline check", "No pipeline check " + runId, null);
        }
        return check;
    }
}
