package com.nia.crmsync.gateway.auth;

import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;

import com.nia.crmsync.gateway.failure.CreatioTransientException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.failure.Sanitizer;

/**
 * Finds the token endpoint once, when the first token is needed (never at start-up, so the
 * gateway starts while the identity service is down): the configured identity URL, else the
 * discovery document, else the {@code -is} host convention ({@link IdentityEndpoints}). A
 * discovery that fails for a transient reason is not cached: the next token request asks again.
 */
@ApplicationScoped
public class TokenEndpointResolver {

    private final WebClient http;

    public TokenEndpointResolver(WebClient http) {
        this.http = http;
    }

    /** The token endpoint for this Creatio; throws a transient failure when discovery cannot be read now. */
    public String resolve(String apiUrl, Optional<String> identityUrl, Duration timeout) {
        if (identityUrl.isPresent() && !identityUrl.get().isBlank()) {
            return IdentityEndpoints.fromIdentityUrl(identityUrl.get());
        }
        String discovery = IdentityEndpoints.discoveryUrl(apiUrl);
        HttpResponse<?> response;
        try {
            response = http.getAbs(discovery).timeout(timeout.toMillis()).send().await().atMost(timeout.plusSeconds(1));
        } catch (RuntimeException unreachable) {
            throw new CreatioTransientException(ErrorCode.IDENTITY_UNAVAILABLE, 0,
                    "OpenID discovery unreachable: " + Sanitizer.clean(String.valueOf(unreachable.getMessage())), null);
        }
        int status = response.statusCode();
        if (status == 200) {
            Optional<String> endpoint = IdentityEndpoints.fromDiscovery(response.bodyAsString());
            if (endpoint.isPresent()) {
                Log.infof("Creatio token endpoint from discovery: %s", endpoint.get());
                return endpoint.get();
            }
        } else if (status >= 500 || status == 429) {
            throw new CreatioTransientException(ErrorCode.IDENTITY_UNAVAILABLE, status, "OpenID discovery answered " + status, null);
        }
        String fallback = IdentityEndpoints.withoutDiscovery(apiUrl);
        Log.infof("No usable OpenID discovery at %s (status %d); token endpoint by convention: %s", discovery, status, fallback);
        return fallback;
    }
}
