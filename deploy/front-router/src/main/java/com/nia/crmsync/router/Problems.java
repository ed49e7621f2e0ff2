package com.nia.crmsync.router;

import io.vertx.core.json.JsonObject;

/**
 * The router's own answers as RFC 9457 {@code application/problem+json} ({@code type},
 * {@code title}, {@code status}, {@code detail}, {@code instance}), shaped like the services'
 * problems (common-web's {@code Problem}), which the router does not depend on.
 */
final class Problems {

    /** The media type of a problem. */
    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    /** The JSON of an {@code about:blank} problem. */
    static String json(int status, String title, String detail, String instance) {
        return new JsonObject()
                .put("type", "about:blank")
                .put("title", title)
                .put("status", status)
                .put("detail", detail)
                .put("instance", instance)
                .encode();
    }
}
