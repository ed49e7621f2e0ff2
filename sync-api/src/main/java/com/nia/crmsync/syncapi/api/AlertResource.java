package com.nia.crmsync.syncapi.api;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import com.nia.crmsync.syncapi.alerts.AlertState;
import com.nia.crmsync.syncapi.alerts.AlertStore;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * The services' own alerts (docs/observability.md, "Webhook alerts"): the ones firing now by default, the recently resolved ones, or both.
 * The same list in every replica (the alerts' state is in sync-api's database).
 */
@Path("/api/v1/crm/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {

    private final AlertStore store;

    public AlertResource(AlertStore store) {
        this.store = store;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @SecurityRequirement(name = "bearer", scopes = {Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    @Operation(summary = "The alerts sync-api evaluates: firing now (default), recently resolved, or all")
    @APIResponse(responseCode = "200", description = "The alerts, firing first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AlertView.AlertList.class)))
    @APIResponse(responseCode = "400", description = "An unknown status (problem+json naming the field)")
    public AlertView.AlertList list(@Parameter(in = ParameterIn.QUERY, description = "firing (default), resolved or all")
            @QueryParam("status") String status) {
        return new AlertView.AlertList(store.list(status(status)).stream().map(AlertView::of).toList());
    }

    private static AlertState.Status status(String status) {
        String wanted = status == null || status.isBlank() ? "firing" : status.strip().toLowerCase(Locale.ROOT);
        return switch (wanted) {
            case "firing" -> AlertState.Status.FIRING;
            case "resolved" -> AlertState.Status.RESOLVED;
            case "all" -> null;
            default -> throw new ProblemException(400, "Invalid query parameter", "status must be firing, resolved or all",
                    List.of(new Problem.FieldError("status", "must be firing, resolved or all")));
        };
    }
}
