package com.nia.crmsync.syncapi.api;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.web.audit.AuditTrail;
import com.nia.crmsync.web.audit.Audited;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;
import com.nia.crmsync.web.security.Roles;

/**
 * The configuration in force ({@code CreatioConfiguration} with its version as the {@code ETag});
 * changed by admins only, with {@code If-Match} on the version, audited with before and after.
 */
@Path("/api/v1/crm/config")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConfigurationResource {

    private final ConfigurationService configurations;
    private final AuditTrail audit;

    public ConfigurationResource(ConfigurationService configurations, AuditTrail audit) {
        this.configurations = configurations;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.VIEWER, Roles.OPERATOR, Roles.ADMIN})
    public Response current() {
        ConfigRecord record = configurations.current();
        return Response.ok(record).tag(Versions.tag(record.version())).build();
    }

    @PUT
    @RolesAllowed(Roles.ADMIN)
    @Audited("configuration.update")
    public Response update(@NotNull CreatioConfiguration configuration, @HeaderParam("If-Match") String ifMatch,
            @Context SecurityContext security) {
        Long expected = Versions.ifMatch(ifMatch);
        if (expected == null) {
            throw new ProblemException(428, "If-Match required",
                    "Send If-Match with the version you read, so a concurrent change is not overwritten",
                    List.of(new Problem.FieldError("If-Match", "is required")));
        }
        ConfigRecord before = configurations.current();
        ConfigRecord after = configurations.update(configuration, expected, security.getUserPrincipal().getName());
        audit.target("configuration").before(before).after(after);
        return Response.ok(after).tag(Versions.tag(after.version())).build();
    }
}
