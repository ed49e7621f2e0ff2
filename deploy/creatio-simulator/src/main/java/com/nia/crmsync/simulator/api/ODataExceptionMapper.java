package com.nia.crmsync.simulator.api;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.nia.crmsync.simulator.odata.EntityJson;
import com.nia.crmsync.simulator.odata.ODataException;
import com.nia.crmsync.simulator.odata.ODataResponse;

/**
 * Turns an {@link ODataException} that escapes a resource (the control API's "act as a user"
 * writes go through the same validation as OData writes) into Creatio's error envelope, and a bad
 * control request into an RFC 9457 problem.
 */
public class ODataExceptionMapper {

    @ServerExceptionMapper
    public Response odata(ODataException error) {
        return Response.status(error.status()).header("Content-Type", ODataResponse.JSON)
                .entity(EntityJson.error(error)).build();
    }

    @ServerExceptionMapper
    public Response badControlRequest(IllegalArgumentException error) {
        return Response.status(400).header("Content-Type", "application/problem+json")
                .entity(EntityJson.write(g -> {
                    g.writeStartObject();
                    g.writeStringField("type", "about:blank");
                    g.writeStringField("title", "Bad Request");
                    g.writeNumberField("status", 400);
                    g.writeStringField("detail", error.getMessage());
                    g.writeEndObject();
                })).build();
    }
}
