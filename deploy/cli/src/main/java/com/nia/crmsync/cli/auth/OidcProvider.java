package com.nia.crmsync.cli.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenID provider's token endpoints as {@code crm-sync login} uses them: discovery, the
 * client-credentials grant (RFC 6749 §4.4), the device-authorization grant (RFC 8628: the user
 * opens a URL and enters a code while the CLI polls), and the refresh-token grant that renews a
 * cached token.
 */
public final class OidcProvider {

    /** RFC 8628's grant type at the token endpoint. */
    public static final String DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
    public static final String CLIENT_CREDENTIALS = "client_credentials";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final HttpClient http;
    private final Clock clock;
    private JsonNode metadata;

    public OidcProvider(String issuer, Clock clock) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.clock = clock;
    }

    public String issuer() {
        return issuer;
    }

    /** A token for the client itself (a confidential client with a service account). */
    public CachedToken clientCredentials(String clientId, String secret) {
        JsonNode answer = token(Map.of("grant_type", CLIENT_CREDENTIALS, "client_id", clientId, "client_secret", secret));
        return cached(clientId, CLIENT_CREDENTIALS, answer, null);
    }

    /**
     * A person's token through the device-authorization grant: tells {@code instructions} the URL
     * and the code, then polls until the person has approved, refused, or the code expired.
     */
    public CachedToken device(String clientId, Consumer<String> instructions) throws InterruptedException {
        String endpoint = endpoint("device_authorization_endpoint");
        JsonNode grant = post(endpoint, Map.of("client_id", clientId, "scope", "openid"));
        if (grant.hasNonNull("error")) {
            throw new NotAuthenticatedException("The provider refused the device grant: " + describe(grant));
        }
        String complete = grant.path("verification_uri_complete").asText(null);
        instructions.accept("Open " + (complete != null ? complete : grant.path("verification_uri").asText()) + " and confirm the code "
                + grant.path("user_code").asText());
        long interval = Math.max(1, grant.path("interval").asLong(5));
        Instant deadline = clock.instant().plusSeconds(grant.path("expires_in").asLong(600));
        while (clock.instant().isBefore(deadline)) {
            Thread.sleep(interval * 1000);
            JsonNode answer = post(endpoint("token_endpoint"), Map.of("grant_type", DEVICE_GRANT, "client_id", clientId,
                    "device_code", grant.path("device_code").asText()));
            String error = answer.path("error").asText("");
            if (error.isEmpty()) {
                return cached(clientId, DEVICE_GRANT, answer, null);
            }
            if ("slow_down".equals(error)) {
                interval += 5;
            } else if (!"authorization_pending".equals(error)) {
                throw new NotAuthenticatedException("Sign-in not completed: " + describe(answer));
            }
        }
        throw new NotAuthenticatedException("Sign-in not completed: the code expired");
    }

    /** The token renewed with its refresh token (or, for a client-credentials token, with the client's secret). */
    public CachedToken renew(CachedToken token, String secret) {
        if (token.refreshable(clock.instant())) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "refresh_token");
            form.put("client_id", token.clientId());
            form.put("refresh_token", token.refreshToken());
            if (secret != null) {
                form.put("client_secret", secret);
            }
            return cached(token.clientId(), token.grant(), token(form), token.refreshToken());
        }
        if (CLIENT_CREDENTIALS.equals(token.grant()) && secret != null) {
            return clientCredentials(token.clientId(), secret);
        }
        throw new NotAuthenticatedException("The cached token has expired and cannot be renewed: run `crm-sync login`");
    }

    private JsonNode token(Map<String, String> form) {
        JsonNode answer = post(endpoint("token_endpoint"), form);
        if (answer.hasNonNull("error") || !answer.hasNonNull("access_token")) {
            throw new NotAuthenticatedException("The provider refused the sign-in: " + describe(answer));
        }
        return answer;
    }

    private CachedToken cached(String clientId, String grant, JsonNode answer, String previousRefresh) {
        Instant now = clock.instant();
        Instant expires = now.plusSeconds(answer.path("expires_in").asLong(300));
        String refresh = answer.path("refresh_token").asText(previousRefresh);
        Instant refreshExpires = answer.hasNonNull("refresh_expires_in") && answer.path("refresh_expires_in").asLong() > 0
                ? now.plusSeconds(answer.path("refresh_expires_in").asLong()) : null;
        return new CachedToken(issuer, clientId, grant, answer.path("access_token").asText(), expires, refresh, refreshExpires);
    }

    private String endpoint(String name) {
        if (metadata == null) {
            metadata = get(issuer + "/.well-known/openid-configuration");
        }
        String url = metadata.path(name).asText(null);
        if (url == null) {
            throw new NotAuthenticatedException("The provider at " + issuer + " offers no " + name);
        }
        return url;
    }

    private JsonNode get(String url) {
        return exchange(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private JsonNode post(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return exchange(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private JsonNode exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            if (body == null || !body.trim().startsWith("{")) {
                throw new NotAuthenticatedException("The provider answered " + response.statusCode() + " to " + request.uri());
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new NotAuthenticatedException("The provider at " + issuer + " does not answer (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotAuthenticatedException("Interrupted while signing in");
        }
    }

    private static String describe(JsonNode error) {
        String description = error.path("error_description").asText("");
        return error.path("error").asText("no token") + (description.isEmpty() ? "" : " (" + description + ")");
    }
}
