package com.nia.crmsync.simulator.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.vertx.ext.web.RoutingContext;

import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.odata.ODataRequest;
import com.nia.crmsync.simulator.odata.ODataResponse;
import com.nia.crmsync.simulator.service.BatchService;
import com.nia.crmsync.simulator.service.ODataService;

/**
 * The OData 4 endpoint. Thin: it turns the HTTP request into an {@link ODataRequest}, hands it to
 * {@link ODataService} and writes back status, headers and bytes. Served at {@code /0/odata};
 * {@link ODataRootFilter} maps a configured {@code /odata} root onto it.
 */
@Path(ODataRootFilter.CANONICAL_ROOT)
@Consumes(MediaType.WILDCARD)
public class ODataResource {

    /** The MERGE verb some OData clients use for partial updates. */
    @HttpMethod("MERGE")
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    public @interface MERGE {
    }

    private final ODataService odata;
    private final BatchService batch;
    private final SimulatorConfig config;

    public ODataResource(ODataService odata, BatchService batch, SimulatorConfig config) {
        this.odata = odata;
        this.batch = batch;
        this.config = config;
    }

    @GET
    public Response serviceDocument(@Context UriInfo uri, @Context HttpHeaders headers) {
        return handle(HttpMethod.GET, "", uri, headers, null, null);
    }

    @GET
    @Path("{path: .*}")
    public Response get(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
        return handle(HttpMethod.GET, path, uri, headers, null, null);
    }

    @POST
    @Path("{path: .*}")
    public Response post(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context RoutingContext routing, byte[] body) {
        return handle(HttpMethod.POST, path, uri, headers, body, routing);
    }

    @PATCH
    @Path("{path: .*}")
    public Response patch(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context RoutingContext routing, byte[] body) {
        return handle(HttpMethod.PATCH, path, uri, headers, body, routing);
    }

    @MERGE
    @Path("{path: .*}")
    public Response merge(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context RoutingContext routing, byte[] body) {
        return handle("MERGE", path, uri, headers, body, routing);
    }

    @PUT
    @Path("{path: .*}")
    public Response put(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers,
            @Context RoutingContext routing, byte[] body) {
        return handle(HttpMethod.PUT, path, uri, headers, body, routing);
    }

    @DELETE
    @Path("{path: .*}")
    public Response delete(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
        return handle(HttpMethod.DELETE, path, uri, headers, null, null);
    }

    /** {@code routing} is given for writes only: it takes the columns they carried to the request log. */
    private Response handle(String method, String path, UriInfo uri, HttpHeaders headers, byte[] body,
            RoutingContext routing) {
        Map<String, String> query = new LinkedHashMap<>();
        uri.getQueryParameters().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
        Map<String, String> lowerHeaders = new LinkedHashMap<>();
        headers.getRequestHeaders().forEach((name, values) -> lowerHeaders.put(name.toLowerCase(Locale.ROOT),
                String.join(",", values)));
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        ODataRequest request = new ODataRequest(method, trimmed, query, uri.getRequestUri().getRawQuery(),
                lowerHeaders, body == null ? new byte[0] : body, serviceRoot(uri));
        ODataResponse response = odata.serve(request, batch);
        if (routing != null && response.columns() != null) {
            RequestTracker.noteColumns(routing, response.columns());
        }
        Response.ResponseBuilder builder = Response.status(response.status());
        response.headers().forEach(builder::header);
        if (response.body().length > 0) {
            builder.entity(response.body());
        }
        return builder.build();
    }

    private String serviceRoot(UriInfo uri) {
        String base = config.odata().publicUrl().orElseGet(() -> {
            String text = uri.getBaseUri().toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        });
        return base + config.odata().root();
    }
}
