package com.nia.crmsync.syncapi.api;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.gateway.ConnectionTest;
import com.nia.crmsync.syncapi.gateway.GatewayClient;
import com.nia.crmsync.syncapi.gateway.GatewayProblemException;
import com.nia.crmsync.syncapi.runs.PlanPage;
import com.nia.crmsync.syncapi.runs.PullControl;
import com.nia.crmsync.syncapi.runs.PullRequest;
import com.nia.crmsync.syncapi.runs.PullView;
import com.nia.crmsync.syncapi.runs.RetryFailedRequest;
import com.nia.crmsync.syncapi.runs.RunQuery;
import com.nia.crmsync.syncapi.runs.RunService;
import com.nia.crmsync.syncapi.runs.RunView;
import com.nia.crmsync.syncapi.runs.SyncAllRequest;
import com.nia.crmsync.syncapi.runs.SyncLeadRequest;
import com.nia.crmsync.syncapi.runs.SyncStatusService;
import com.nia.crmsync.syncapi.runs.SyncStatusView;
import com.nia.crmsync.syncapi.runs.Triggered;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.security.Roles;

/**
 * The seed's sync endpoints. Triggers (operators and admins, audited, {@code Idempotency-Key}
 * honoured) answer 202 with the run and where to follow it; the runs (newest first, filtered by
 * kind, status and time), one run and the overview are reads for every person's role; the
 * connection test goes through creatio-gateway.
 */
@Path("/api/v1/crm/sync")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SyncResource {

    private final RunService runs;
    private final SyncStatusService status;
    private final GatewayClient gateway;
    private final AuditTrail audit;
    private final PullControl pulls;
    private final RunQuery runList;

    public SyncResource(RunService runs, SyncStatusService status, GatewayClient gateway, AuditTrail audit, PullControl pulls,
            RunQuery runList) {
        this.pulls = pulls;
        this.runList = runList;
        this.runs = runs;
        this.status = status;
        this.gateway = gateway;
        this.audit = audit;
    }

    @POST
    @Path("/sync_all/")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("sync.sync-all")
    public Response syncAll(@RequestBody(required = false) SyncAllRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context SecurityContext security) {
        return accepted(runs.startSyncAll(request, user(security), idempotencyKey), request);
    }

    @POST
    @Path("/sync-lead/")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("sync.sync-lead")
    public Response syncLead(SyncLeadRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context SecurityContext security) {
        return accepted(runs.startSyncLead(request, user(security), idempotencyKey), request);
    }

    @POST
    @Path("/retry-failed/")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("sync.retry-failed")
    public Response retryFailed(@RequestBody(required = false) RetryFailedRequest request, @HeaderParam("Idempotency-Key") String idempotencyKey,
            @Context SecurityContext security) {
        return accepted(runs.startRetryFailed(request, user(security), idempotencyKey), request);
    }

    @POST
    @Path("/pull/")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Audited("sync.pull")
    public Response pull(@RequestBody(required = false) PullRequest request) {
        PullView.Started started = pulls.start(request);
        audit.target("sync-pull").after(started);
        return Response.accepted(started).location(URI.create(started.statusUrl())).build();
    }

    @GET
    @Path("/pull/")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public PullView.States pullStates() {
        return pulls.states();
    }

    @GET
    @Path("/runs/")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "List sync runs", description = "Runs newest first (by when they were requested), filtered by kind,"
            + " status and request time; pages count from 0. A bad filter is a 400 problem naming it.")
    public PageView<RunView> runs(
            @Parameter(description = "One of sync_all, sync_lead, retry_failed, resync") @QueryParam("kind") String kind,
            @Parameter(description = "One of queued, planning, running, completed, failed") @QueryParam("status") String status,
            @Parameter(description = "Requested at or after this ISO-8601 instant") @QueryParam("since") String since,
            @Parameter(description = "Requested before this ISO-8601 instant") @QueryParam("until") String until,
            @Parameter(description = "The page, from 0; default 0") @QueryParam("page") String page,
            @Parameter(description = "Items per page, 1 to 500; default 50") @QueryParam("size") String size) {
        return runList.find(new RunQuery.Filters(kind, status, since, until, page, size));
    }

    @GET
    @Path("/runs/{id}")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public RunView run(@PathParam("id") UUID id) {
        return runs.view(id);
    }

    @GET
    @Path("/runs/{id}/plan")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public PlanPage plan(@PathParam("id") UUID id, @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("50") int size) {
        return runs.plan(id, page, size);
    }

    @GET
    @Path("/status/")
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public SyncStatusView status() {
        return status.status();
    }

    @POST
    @Path("/test-connection/")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    public ConnectionCheck testConnection() {
        ConnectionTest test = gateway.testConnection();
        if (!test.ok()) {
            throw new GatewayProblemException(502, "Creatio connection test failed",
                    "Creatio connection test failed: " + test.code() + (test.message() == null ? "" : " — " + test.message()), test.code());
        }
        return new ConnectionCheck(test.ok(), test.authenticated(), test.authMillis(), test.readMillis(), test.code(), test.message(), test.at());
    }

    private Response accepted(Triggered triggered, Object request) {
        audit.target("sync-run/" + triggered.runId()).after(new Audit(triggered, request));
        return Response.accepted(triggered).location(URI.create(triggered.statusUrl())).build();
    }

    private static String user(SecurityContext security) {
        return security.getUserPrincipal().getName();
    }

    /** The gateway's connection test as this API shows it. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ConnectionCheck(boolean ok, boolean authenticated, long authMillis, Long readMillis, String code, String message,
            java.time.Instant at) {
    }

    /** What the audit entry keeps: the run, whether it was a repeat, and the parameters as sent. */
    record Audit(Triggered run, Object parameters) {
    }
}
