package com.nia.crmsync.gateway.auth;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonObject;

/**
 * Where Creatio's token endpoint is, as the reference notes describe it (pure functions, so the
 * derivation is unit-tested): an explicit identity-service URL wins; otherwise the discovery
 * document at {@code {api}/0/.well-known/openid-configuration} names it; otherwise Creatio cloud's
 * convention applies — {@code -is} appended to the first host label
 * ({@code acme.creatio.com} → {@code https://acme-is.creatio.com/connect/token}); a host without
 * that shape (localhost, an IP) falls back to the application host's {@code /0/connect/token}.
 */
public final class IdentityEndpoints {

    private static final Pattern IP_ADDRESS = Pattern.compile("^[0-9.]+$|^\\[.*]$");

    private IdentityEndpoints() {
    }

    /** The discovery document of a Creatio application. */
    public static String discoveryUrl(String apiUrl) {
        return trimSlash(apiUrl) + "/0/.well-known/openid-configuration";
    }

    /**
     * The token endpoint of an explicitly configured identity service: the endpoint itself (any
     * URL whose path ends in {@code /token}, e.g. Keycloak's {@code .../protocol/openid-connect/token}),
     * or Creatio's identity-service base URL, to which {@code /connect/token} is added.
     */
    public static String fromIdentityUrl(String identityUrl) {
        String base = trimSlash(identityUrl);
        return base.endsWith("/token") ? base : base + "/connect/token";
    }

    /** The {@code token_endpoint} of a discovery document, if it names one. */
    public static Optional<String> fromDiscovery(String discoveryJson) {
        try {
            String endpoint = new JsonObject(discoveryJson).getString("token_endpoint");
            return endpoint == null || endpoint.isBlank() ? Optional.empty() : Optional.of(endpoint);
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }

    /** The token endpoint by the cloud {@code -is} host convention, when the host has that shape. */
    public static Optional<String> byHostConvention(String apiUrl) {
        URI api = URI.create(trimSlash(apiUrl));
        String host = api.getHost();
        if (host == null || !host.contains(".") || IP_ADDRESS.matcher(host).matches()) {
            return Optional.empty();
        }
        int dot = host.indexOf('.');
        String isHost = host.substring(0, dot) + "-is" + host.substring(dot);
        String port = api.getPort() < 0 ? "" : ":" + api.getPort();
        return Optional.of(api.getScheme() + "://" + isHost + port + "/connect/token");
    }

    /** Where to ask for a token when discovery gave no answer: the {@code -is} host, else the app host's proxy. */
    public static String withoutDiscovery(String apiUrl) {
        return byHostConvention(apiUrl).orElse(trimSlash(apiUrl) + "/0/connect/token");
    }

    static String trimSlash(String url) {
        String trimmed = url.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
