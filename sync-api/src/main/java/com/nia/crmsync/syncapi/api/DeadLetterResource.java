package com.nia.crmsync.syncapi.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import com.nia.crmsync.syncapi.deadletters.DeadLetterId;
import com.nia.crmsync.syncapi.deadletters.DeadLetterService;
import com.nia.crmsync.syncapi.deadletters.DeadLetterView;
import com.nia.crmsync.syncapi.deadletters.ReplayRequest;
import com.nia.crmsync.syncapi.deadletters.ReplayView;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * The dead-letter topic ({@code crm.sync.dlq.v1}) for operators and the {@code crm-sync dlq} commands: list
 * and show (operators, admins), replay to the origin topics (admins, audited as {@code dead_letter.replay}).
 * The CLI never holds Kafka credentials: sync-api reads the topic with a consumer of its own and replays
 * through its outbox (docs/events.md, "Replaying dead letters").
 */
@Path("/api/v1/crm/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private final DeadLetterService deadLetters;
    private final AuditTrail audit;

    public DeadLetterResource(DeadLetterService deadLetters, AuditTrail audit) {
        this.deadLetters = deadLetters;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "List dead letters", description = "The dead letters of crm.sync.dlq.v1, newest first, filtered by"
            + " origin topic, part of the reason and time; pages count from 1. Each request reads the newest"
            + " sync-api.dead-letters.max-scanned records of each partition.")
    public PageView<DeadLetterView.Item> list(
            @Parameter(description = "The origin topic, e.g. crm.sync.commands.realtime.v1") @QueryParam("topic") String topic,
            @Parameter(description = "Part of the dead-letter reason (case-insensitive)") @QueryParam("reason") String reason,
            @Parameter(description = "Dead-lettered at or after this ISO-8601 instant") @QueryParam("since") String since,
            @Parameter(description = "The page, from 1; default 1") @QueryParam("page") String page,
            @Parameter(description = "Items per page, 1 to 500; default 50") @QueryParam("size") String size) {
        return deadLetters.list(new DeadLetterService.Filters(topic, reason, since, page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "Show one dead letter", description = "The dead letter with every header and its original value:"
            + " a JSON object when it parses, else text; bytes that are not UTF-8 as base64 (value_encoding: base64).")
    public DeadLetterView.Detail show(
            @Parameter(description = "<partition>:<offset> on crm.sync.dlq.v1, e.g. 2:17") @PathParam("id") String id) {
        return deadLetters.show(DeadLetterId.parse(id).orElseThrow(() -> new ProblemException(400, "Invalid request",
                "'" + id + "' is not a dead-letter id", List.of(new Problem.FieldError("id", "must be <partition>:<offset>, e.g. 2:17")))));
    }

    @POST
    @Path("/replay")
    @RolesAllowed(Roles.ADMIN)
    @Audited("dead_letter.replay")
    @Transactional
    @Operation(summary = "Replay dead letters", description = "Re-publishes the selected dead letters (ids, or a filter of"
            + " topic, reason and since) to their origin topics with their key, value and headers, header"
            + " crm-sync-replay-attempt counted up. A dead letter replayed before is skipped (already replayed); a selection"
            + " that matches nothing is an empty answer. dry_run answers the same and changes nothing.")
    public ReplayView replay(ReplayRequest request, @Context SecurityContext security) {
        ReplayView done = deadLetters.replay(request, security.getUserPrincipal().getName(), audit.correlationId());
        audit.target("dead-letters");
        return done;
    }
}
