package com.nia.crmsync.gateway.api;

import java.time.Instant;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.security.identity.SecurityIdentity;

import com.nia.crmsync.gateway.service.ConnectionService;
import com.nia.crmsync.model.gateway.GatewayStatus;
import com.nia.crmsync.web.security.Roles;

/**
 * The gateway's internal API, for NIA services only (role {@code sync-service}, which no person's
 * token has): a status answer that tells the caller who the gateway takes it for and how the
 * gateway's link to Creatio stands; the Creatio operations live beside it under
 * {@code /internal/v1/}.
 */
@Path("/internal/v1/status")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.SYNC_SERVICE)
public class InternalStatusResource {

    private final SecurityIdentity caller;
    private final ConnectionService connection;

    public InternalStatusResource(SecurityIdentity caller, ConnectionService connection) {
        this.caller = caller;
        this.connection = connection;
    }

    @GET
    public GatewayStatus status() {
        return new GatewayStatus("creatio-gateway", "UP", caller.getPrincipal().getName(), new TreeSet<>(caller.getRoles()), Instant.now(),
                connection.status());
    }
}
