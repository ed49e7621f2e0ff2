package com.nia.crmsync.gateway.failure;

import java.util.regex.Pattern;

/**
 * Cleans any text that may leave the gateway (problem bodies, logs, health data): bearer tokens,
 * JWT-shaped strings, basic credentials and long opaque strings are masked, line breaks flattened
 * and the length capped, so neither a token nor the client secret can travel in an error.
 */
public final class Sanitizer {

    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer|basic)\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern SECRET_PARAM = Pattern.compile("(?i)(client_secret|access_token|password)=[^&\\s]+");
    private static final Pattern OPAQUE = Pattern.compile("[A-Za-z0-9_+/=-]{40,}");
    private static final int MAX_LENGTH = 500;

    private static volatile String secret;

    private Sanitizer() {
    }

    /** Registers the configured client secret so that it is masked wherever it shows up. */
    public static void mask(String clientSecret) {
        if (clientSecret != null && clientSecret.length() >= 4) {
            secret = clientSecret;
        }
    }

    public static String clean(String text) {
        if (text == null) {
            return "";
        }
        String cleaned = text;
        String knownSecret = secret;
        if (knownSecret != null) {
            cleaned = cleaned.replace(knownSecret, "***");
        }
        cleaned = JWT.matcher(cleaned).replaceAll("***");
        cleaned = BEARER.matcher(cleaned).replaceAll("$1 ***");
        cleaned = SECRET_PARAM.matcher(cleaned).replaceAll("$1=***");
        cleaned = OPAQUE.matcher(cleaned).replaceAll("***");
        cleaned = cleaned.replaceAll("[\\r\\n\\t]+", " ").trim();
        return cleaned.length() > MAX_LENGTH ? cleaned.substring(0, MAX_LENGTH) + "…" : cleaned;
    }
}
