package com.nia.crmsync.syncapi.console;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the admin console ({@code /console/}) is told at start: where people sign in and with which
 * public client, and where Creatio's own pages are (for a record's Creatio link).
 */
@ConfigMapping(prefix = "sync-api.console")
public interface ConsoleConfig {

    /**
     * The OpenID provider's issuer URL the browser signs in at; default: the issuer this API validates
     * tokens of ({@code quarkus.oidc.auth-server-url}).
     */
    String issuer();

    /** The public client (authorization code with PKCE) the console signs in with; default {@code nia-console}. */
    @WithDefault("nia-console")
    String clientId();

    /** Creatio's base URL as people open it in a browser, for the record page's link; default none (the link shows the id only). */
    Optional<String> creatioUrl();
}
