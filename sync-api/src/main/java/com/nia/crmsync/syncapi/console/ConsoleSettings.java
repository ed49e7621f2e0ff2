package com.nia.crmsync.syncapi.console;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Serves the admin console's start-up settings ({@code GET /console/config.json}: issuer, client id,
 * Creatio's URL; nothing secret, so open like the console's static files) and sends {@code /console}
 * to {@code /console/}, where the static {@code index.html} is.
 */
@ApplicationScoped
public class ConsoleSettings {

    /** The path of the settings document, relative to the console's own. */
    public static final String PATH = "/console/config.json";

    private final ConsoleConfig config;

    public ConsoleSettings(ConsoleConfig config) {
        this.config = config;
    }

    void install(@Observes Router router) {
        String body = settings().encode();
        router.get(PATH).handler(rc -> rc.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body));
        // Vert.x matches "/console" with a trailing slash too: only the bare path is sent on, "/console/" is the page
        router.get("/console").handler(rc -> {
            if ("/console".equals(rc.request().path())) {
                rc.redirect("/console/");
            } else {
                rc.next();
            }
        });
    }

    /** The document the console reads before it signs in. */
    JsonObject settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("issuer", config.issuer());
        settings.put("client_id", config.clientId());
        settings.put("creatio_url", config.creatioUrl().orElse(null));
        return new JsonObject(settings);
    }
}
