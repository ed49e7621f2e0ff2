package com.nia.crmsync.syncapi.gateway;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.nia.crmsync.model.gateway.GatewayErrorDecoder;

/**
 * Reads an error answer of the gateway into a {@link GatewayCallException} through the shared
 * {@link GatewayErrorDecoder}. Only the status, the code and the wait are used here: the detail
 * may name Creatio's internals and never leaves sync-api.
 */
class GatewayErrors implements ResponseExceptionMapper<GatewayCallException> {

    @Override
    public GatewayCallException toThrowable(Response response) {
        String body = null;
        try {
            body = response.hasEntity() ? response.readEntity(String.class) : null;
        } catch (RuntimeException unreadable) {
            // the status alone tells what happened
        }
        return new GatewayCallException(GatewayErrorDecoder.decode(response.getStatus(), body, response.getHeaderString(HttpHeaders.RETRY_AFTER)));
    }

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
