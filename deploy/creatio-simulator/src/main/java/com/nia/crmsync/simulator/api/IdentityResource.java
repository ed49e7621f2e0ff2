package com.nia.crmsync.simulator.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.nia.crmsync.simulator.auth.SigningKeys;
import com.nia.crmsync.simulator.auth.TokenService;
import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.service.FaultService;

/**
 * The simulated Creatio identity service (creatio-api.md §1.1): {@code POST /connect/token} (also
 * at {@code /0/connect/token}, the app-host proxy), the discovery document at
 * {@code /.well-known/openid-configuration} and {@code /0/.well-known/openid-configuration}, and
 * the signing keys at the document's {@code jwks_uri}. Errors follow RFC 6749 §5.2.
 */
@Path("/")
public class IdentityResource {

    private static final String DOWN_PAGE = "<!DOCTYPE html><html><head><title>503 Service Unavailable</title></head>"
            + "<body><h1>503 Service Unavailable</h1></body></html>";

    private final TokenService tokens;
    private final SigningKeys keys;
    private final FaultService faults;
    private final SimulatorConfig config;

    public IdentityResource(TokenService tokens, SigningKeys keys, FaultService faults, SimulatorConfig config) {
        this.tokens = tokens;
        this.keys = keys;
        this.faults = faults;
        this.config = config;
    }

    @POST
    @Path("connect/token")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@HeaderParam("Content-Type") String contentType,
            @HeaderParam("Authorization") String authorization, byte[] body) {
        return issue(contentType, authorization, body);
    }

    @POST
    @Path("0/connect/token")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response appHostToken(@HeaderParam("Content-Type") String contentType,
            @HeaderParam("Authorization") String authorization, byte[] body) {
        return issue(contentType, authorization, body);
    }

    @GET
    @Path(".well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response discovery(@Context UriInfo uri) {
        return discover(uri, "");
    }

    @GET
    @Path("0/.well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public Response appHostDiscovery(@Context UriInfo uri) {
        return discover(uri, "/0");
    }

    @GET
    @Path(".well-known/openid-configuration/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        return keys();
    }

    @GET
    @Path("0/.well-known/openid-configuration/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Response appHostJwks() {
        return keys();
    }

    private Response issue(String contentType, String authorization, byte[] body) {
        Response fault = fault("POST");
        if (fault != null) {
            return fault;
        }
        if (contentType == null || !contentType.toLowerCase().startsWith(MediaType.APPLICATION_FORM_URLENCODED)) {
            return error(new TokenService.TokenError(400, "invalid_request",
                    "The token request must be application/x-www-form-urlencoded."));
        }
        try {
            TokenService.TokenResponse issued = tokens.token(form(body), authorization);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("access_token", issued.accessToken());
            json.put("expires_in", issued.expiresIn());
            json.put("token_type", issued.tokenType());
            json.put("scope", issued.scope());
            return Response.ok(json).header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
        } catch (TokenService.TokenError e) {
            return error(e);
        }
    }

    private Response discover(UriInfo uri, String prefix) {
        Response fault = fault("GET");
        if (fault != null) {
            return fault;
        }
        String base = config.identity().publicUrl().orElseGet(() -> {
            String text = uri.getBaseUri().toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }) + prefix;
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", config.identity().issuer());
        document.put("jwks_uri", base + "/.well-known/openid-configuration/jwks");
        document.put("token_endpoint", base + "/connect/token");
        document.put("grant_types_supported", List.of("client_credentials"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        document.put("scopes_supported", List.of("ApplicationAccess"));
        document.put("claims_supported", List.of("client_id", "scope", "prop:SysAdminUnitId", "prop:Type"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        return Response.ok(document).build();
    }

    private Response keys() {
        Response fault = fault("GET");
        return fault != null ? fault : Response.ok(keys.jwks().getBytes(StandardCharsets.UTF_8)).build();
    }

    /** Identity-group fault rules: the identity service can be down, slow, throttled or failing. */
    private Response fault(String method) {
        FaultService.Outcome outcome = faults.before("identity", method, null, null);
        if (outcome.status == null) {
            return null;
        }
        if (outcome.down || outcome.status >= 502) {
            return Response.status(outcome.status).type(MediaType.TEXT_HTML_TYPE).entity(DOWN_PAGE).build();
        }
        if (outcome.status == 429) {
            return Response.status(429).header("Retry-After", outcome.retryAfterSeconds).build();
        }
        return Response.status(outcome.status).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Map.of("error", "server_error")).build();
    }

    private static Response error(TokenService.TokenError e) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put("error_description", e.getMessage());
        Response.ResponseBuilder builder = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).header("Cache-Control", "no-store");
        if (e.status() == 401) {
            builder.header("WWW-Authenticate", "Basic realm=\"identity\"");
        }
        return builder.build();
    }

    private static Map<String, String> form(byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.putIfAbsent(name, value);
        }
        return form;
    }
}
