package com.nia.crmsync.syncapi.gateway;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.ConnectionTest;
import com.nia.crmsync.model.gateway.EntityColumns;
import com.nia.crmsync.model.gateway.GatewayStatus;
import com.nia.crmsync.model.gateway.IntegrationUser;
import com.nia.crmsync.model.gateway.LookupNames;
import com.nia.crmsync.model.gateway.LookupNamesRequest;
import com.nia.crmsync.model.gateway.LookupRow;

/**
 * creatio-gateway's read-only internal calls, with a client-credentials token of sync-api's own
 * client on every request; the answers are the gateway's own records ({@code com.nia.crmsync.model.gateway}). Package-private: callers go through {@link GatewayClient}, which turns
 * every failure into a problem of ours.
 */
@RegisterRestClient(configKey = "creatio-gateway")
@RegisterProvider(GatewayErrors.class)
@OidcClientFilter
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
interface GatewayRestClient {

    @GET
    @Path("/status")
    GatewayStatus status();

    @POST
    @Path("/test-connection")
    ConnectionTest testConnection(@HeaderParam(Lane.HTTP_HEADER) String lane);

    @GET
    @Path("/lookups/{lookup}")
    LookupRow lookup(@PathParam("lookup") String lookup, @jakarta.ws.rs.QueryParam("name") String name,
            @HeaderParam(Lane.HTTP_HEADER) String lane);

    @POST
    @Path("/lookups/names")
    @Consumes(MediaType.APPLICATION_JSON)
    LookupNames lookupNames(LookupNamesRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane);

    @GET
    @Path("/integration-user")
    IntegrationUser integrationUser(@HeaderParam(Lane.HTTP_HEADER) String lane);

    @GET
    @Path("/metadata/{set}")
    EntityColumns columns(@PathParam("set") String set, @HeaderParam(Lane.HTTP_HEADER) String lane);
}
