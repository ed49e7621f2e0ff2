package com.nia.crmsync.syncapi.gateway;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Reads an error answer of the gateway (RFC 9457 with a stable {@code code}) into a
 * {@link GatewayCallException}. Only the status and the code are kept: the detail may name
 * Creatio's internals and never leaves sync-api.
 */
class GatewayErrors implements ResponseExceptionMapper<GatewayCallException> {

    /** The fields of the gateway's problem documents that we read. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GatewayProblem(String code, Long retryAfterSeconds) {
    }

    @Override
    public GatewayCallException toThrowable(Response response) {
        String code = null;
        Long retryAfter = null;
        MediaType type = response.getMediaType();
        if (type != null && type.getSubtype() != null && type.getSubtype().endsWith("json")) {
            try {
                response.bufferEntity();
                GatewayProblem problem = response.readEntity(GatewayProblem.class);
                code = problem.code();
                retryAfter = problem.retryAfterSeconds();
            } catch (RuntimeException unreadable) {
                // not a problem document: the status alone tells what happened
            }
        }
        return new GatewayCallException(response.getStatus(), code == null ? "HTTP_" + response.getStatus() : code, retryAfter);
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
