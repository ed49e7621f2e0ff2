package com.nia.crmsync.gateway.client;

import io.vertx.core.json.JsonObject;

/** Creatio's answer to one OData request: status, content type and body text. */
public record ODataResponse(int status, String contentType, String body) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The body as JSON (an empty object for an empty body). */
    public JsonObject json() {
        return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
    }
}
