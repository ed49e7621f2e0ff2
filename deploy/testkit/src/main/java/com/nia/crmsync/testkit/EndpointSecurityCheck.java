package com.nia.crmsync.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Proves, from a service's own OpenAPI document ({@code /q/openapi}), that every operation it
 * exposes is closed: each must name its allowed roles (Quarkus adds them from
 * {@code @RolesAllowed}); an anonymous call gets 401, an expired token 401, a token without
 * roles 403, each known role the operation does not allow 403, and an allowed role is not
 * refused. Path and query parameters get dummy values; bodies are {@code {}}. An endpoint added
 * later without a role cannot pass. Tokens are never part of a failure message.
 */
public final class EndpointSecurityCheck {

    private static final Pattern PATH_PARAM = Pattern.compile("\\{([^}/]+)}");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Set<String> knownRoles;
    private final List<String> failures = new ArrayList<>();
    private final List<String> checked = new ArrayList<>();

    private EndpointSecurityCheck(String baseUrl, Set<String> knownRoles) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.knownRoles = new TreeSet<>(knownRoles);
    }

    /** Checks every operation of the service at {@code baseUrl} against the given role names. */
    public static Result run(String baseUrl, Set<String> knownRoles) {
        return new EndpointSecurityCheck(baseUrl, knownRoles).check();
    }

    /** What the check did: the operations it called and what was wrong. */
    public record Result(List<String> operations, List<String> failures) {

        /** Throws an {@link AssertionError} listing every failure. */
        public Result assertAllClosed() {
            if (!failures.isEmpty()) {
                throw new AssertionError(failures.size() + " security failure(s):\n  " + String.join("\n  ", failures));
            }
            return this;
        }
    }

    private Result check() {
        JsonNode doc = fetchDocument();
        JsonNode paths = doc.path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    checkOperation(op.getKey().toUpperCase(), path.getKey(), op.getValue(), path.getValue().path("parameters"));
                }
            }
        }
        if (checked.isEmpty()) {
            failures.add("the OpenAPI document lists no operation at all");
        }
        return new Result(List.copyOf(checked), List.copyOf(failures));
    }

    private void checkOperation(String method, String template, JsonNode op, JsonNode sharedParams) {
        String name = method + " " + template;
        checked.add(name);
        Set<String> allowed = allowedRoles(op);
        if (allowed.isEmpty()) {
            failures.add(name + ": no roles in the OpenAPI document (missing @RolesAllowed?)");
        }
        String uri = concrete(template, op.path("parameters"), sharedParams);
        boolean body = op.has("requestBody");

        expect(name, "anonymous", call(method, uri, null, body), 401);
        expect(name, "expired token", call(method, uri, TestTokens.expired(allowed.toArray(String[]::new)), body), 401);
        expect(name, "token without roles", call(method, uri, TestTokens.person("no.roles"), body), 403);
        for (String role : knownRoles) {
            if (!allowed.contains(role)) {
                expect(name, "role " + role, call(method, uri, tokenWith(role), body), 403);
            }
        }
        for (String role : allowed) {
            int status = call(method, uri, tokenWith(role), body);
            if (status == 401 || status == 403) {
                failures.add(name + ": allowed role " + role + " was refused with " + status);
            }
        }
    }

    private static String tokenWith(String role) {
        return "sync-service".equals(role) ? TestTokens.service("endpoint-check") : TestTokens.person("check." + role, role);
    }

    private void expect(String name, String who, int status, int expected) {
        if (status != expected) {
            failures.add(name + ": " + who + " got " + status + ", expected " + expected);
        }
    }

    /** The roles of the operation's security requirements (Quarkus lists @RolesAllowed roles as scopes). */
    private static Set<String> allowedRoles(JsonNode op) {
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : op.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(r -> roles.add(r.asText())));
        }
        return roles;
    }

    private String concrete(String template, JsonNode params, JsonNode sharedParams) {
        List<JsonNode> all = new ArrayList<>();
        sharedParams.forEach(all::add);
        params.forEach(all::add);
        Matcher m = PATH_PARAM.matcher(template);
        StringBuilder path = new StringBuilder();
        while (m.find()) {
            JsonNode schema = all.stream().filter(p -> m.group(1).equals(p.path("name").asText())).map(p -> p.path("schema"))
                    .findFirst().orElse(null);
            m.appendReplacement(path, dummy(schema));
        }
        m.appendTail(path);
        StringBuilder query = new StringBuilder();
        for (JsonNode p : all) {
            if ("query".equals(p.path("in").asText()) && p.path("required").asBoolean()) {
                query.append(query.length() == 0 ? "?" : "&").append(p.path("name").asText()).append('=').append(dummy(p.path("schema")));
            }
        }
        return baseUrl + path + query;
    }

    private static String dummy(JsonNode schema) {
        if (schema == null) {
            return "x";
        }
        String type = schema.path("type").asText();
        String format = schema.path("format").asText();
        if ("uuid".equals(format)) {
            return "00000000-0000-0000-0000-000000000000";
        }
        if ("integer".equals(type) || "number".equals(type)) {
            return "1";
        }
        if ("boolean".equals(type)) {
            return "true";
        }
        return "x";
    }

    private int call(String method, String uri, String token, boolean body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20))
                .header("Accept", "application/json")
                .method(method, body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        if (body) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", TestTokens.bearer(token));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode fetchDocument() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("/q/openapi answered " + response.statusCode());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document of " + baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
