package com.nia.crmsync.worker.gateway;

import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.quarkus.oidc.client.filter.OidcClientFilter;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.BatchRequest;
import com.nia.crmsync.model.gateway.BatchResponse;
import com.nia.crmsync.model.gateway.CreateRequest;
import com.nia.crmsync.model.gateway.CreateResponse;
import com.nia.crmsync.model.gateway.EntityColumns;
import com.nia.crmsync.model.gateway.FindRequest;
import com.nia.crmsync.model.gateway.FindResponse;
import com.nia.crmsync.model.gateway.LookupNames;
import com.nia.crmsync.model.gateway.LookupNamesRequest;
import com.nia.crmsync.model.gateway.PageResponse;
import com.nia.crmsync.model.gateway.ReadManyRequest;
import com.nia.crmsync.model.gateway.ReadManyResponse;

/**
 * The gateway's internal API as the worker uses it (see creatio-gateway/README.md). Every call
 * carries a client-credentials token of NIA's OpenID provider ({@code sync-service} role) and the
 * command's lane, so real-time work goes ahead of bulk work in the gateway's budget. The request and
 * answer records are the gateway's own ({@code com.nia.crmsync.model.gateway}).
 */
@RegisterRestClient(configKey = "gateway")
@OidcClientFilter
@RegisterProvider(GatewayErrors.class)
@Path("/internal/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface GatewayApi {

    @GET
    @Path("/entities/{set}/{id}")
    Map<String, Object> get(@PathParam("set") String set, @PathParam("id") UUID id, @QueryParam("select") String select,
            @HeaderParam(Lane.HTTP_HEADER) String lane);

    @GET
    @Path("/entities/{set}/changes")
    PageResponse changes(@PathParam("set") String set, @QueryParam("since") String since, @QueryParam("top") int top,
            @QueryParam("skip") int skip, @QueryParam("select") String select, @HeaderParam(Lane.HTTP_HEADER) String lane);

    @POST
    @Path("/entities/{set}/read")
    ReadManyResponse read(@PathParam("set") String set, ReadManyRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane);

    @POST
    @Path("/entities/{set}/find")
    FindResponse find(@PathParam("set") String set, FindRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane);

    @POST
    @Path("/entities/{set}")
    CreateResponse create(@PathParam("set") String set, CreateRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane);

    @PATCH
    @Path("/entities/{set}/{id}")
    void update(@PathParam("set") String set, @PathParam("id") UUID id, Map<String, Object> columns,
            @HeaderParam(Lane.HTTP_HEADER) String lane);

    @DELETE
    @Path("/entities/{set}/{id}")
    void delete(@PathParam("set") String set, @PathParam("id") UUID id, @HeaderParam(Lane.HTTP_HEADER) String lane);

    @GET
    @Path("/metadata/{set}")
    EntityColumns columns(@PathParam("set") String set, @HeaderParam(Lane.HTTP_HEADER) String lane);

    @POST
    @Path("/lookups/names")
    LookupNames lookupNames(LookupNamesRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane);

    /** The gateway's own status (budget, quota; no Creatio call): the worker's readiness probe. */
    @GET
    @Path("/status")
    Map<String, Object> status();

    @POST
    @Path("/batch")
    BatchResponse batch(BatchRequest request, @HeaderParam(Lane.HTTP_HEADER) String lane);
}
