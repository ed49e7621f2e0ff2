package com.nia.crmsync.worker.gateway;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.model.json.Json;

/** Turns the gateway's problem+json answers into {@link GatewayException}s with their stable code. */
public class GatewayErrors implements ResponseExceptionMapper<GatewayException> {

    @Override
    public GatewayException toThrowable(Response response) {
        int status = response.getStatus();
        String code = null;
        String detail = "HTTP " + status;
        Integer creatioStatus = null;
        Long retryAfter = null;
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            if (body != null && !body.isBlank()) {
                JsonNode problem = Json.mapper().readTree(body);
                code = text(problem, "code");
                detail = problem.hasNonNull("detail") ? problem.get("detail").asText() : detail;
                creatioStatus = problem.hasNonNull("creatioStatus") ? problem.get("creatioStatus").asInt() : null;
                retryAfter = problem.hasNonNull("retryAfterSeconds") ? problem.get("retryAfterSeconds").asLong() : null;
            }
        } catch (Exception unreadable) {
            // keep the status: the category still follows from it
        }
        if (retryAfter == null && response.getHeaderString("Retry-After") != null) {
            try {
                retryAfter = Long.parseLong(response.getHeaderString("Retry-After").trim());
            } catch (NumberFormatException ignored) {
                // an HTTP date: fall back to the configured pause
            }
        }
        if (code == null) {
            code = status == 401 || status == 403 ? "GATEWAY_REFUSED_CREDENTIALS" : "HTTP_" + status;
        }
        return new GatewayException(status, code, creatioStatus, retryAfter, detail);
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    @Override
    public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
        return status >= 400;
    }
}
