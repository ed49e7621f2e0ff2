package com.nia.crmsync.worker.gateway;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.nia.crmsync.model.gateway.GatewayErrorDecoder;

/** Turns the gateway's problem+json answers into {@link GatewayException}s through the shared {@link GatewayErrorDecoder}. */
public class GatewayErrors implements ResponseExceptionMapper<GatewayException> {

    @Override
    public GatewayException toThrowable(Response response) {
        String body = null;
        try {
            body = response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            // keep the status: the category still follows from it
        }
        return new GatewayException(GatewayErrorDecoder.decode(response.getStatus(), body, response.getHeaderString(HttpHeaders.RETRY_AFTER)));
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
