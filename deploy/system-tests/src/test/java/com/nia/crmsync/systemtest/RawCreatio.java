package com.nia.crmsync.systemtest;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.json.Json;

/**
 * The ratio benchmark's raw client ({@link RatiosBench}): the fewest requests a plain program needs
 * for the same work against the same simulator — one OAuth token (client credentials), paged OData
 * reads of 1,000 rows ({@code ModifiedOn ge …}, {@code $orderby=ModifiedOn,Id}, {@code $top}/{@code $skip},
 * as Creatio pages) and JSON {@code $batch} requests of up to 100 writes. No retries, no budget, no
 * state: the yardstick the system's figures are divided by.
 */
final class RawCreatio {

    static final int PAGE = 1000;
    static final int BATCH = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String clientSecret;
    private String token;

    RawCreatio(Stack stack) {
        this.base = stack.service(ServiceKind.CREATIO_SIMULATOR).baseUrl();
        this.clientSecret = stack.secret("creatio.client-secret");
    }

    /** A fresh token from {@code /connect/token}: each measured round starts with one, as a new client would. */
    void authenticate() {
        String form = "grant_type=client_credentials&client_id=" + enc(Stack.CREATIO_CLIENT_ID) + "&client_secret=" + enc(clientSecret);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
        token = Json.read(r.body(), JsonNode.class).path("access_token").asText();
    }

    /** Reads every row of a set modified at or after {@code since}, pages of 1,000; the rows' Ids in order. */
    List<UUID> readSince(String set, Instant since, String select) {
        List<UUID> ids = new ArrayList<>();
        for (int skip = 0; ; skip += PAGE) {
            String query = "$filter=" + enc("ModifiedOn ge " + since) + "&$orderby=" + enc("ModifiedOn,Id") + "&$top=" + PAGE
                    + (skip > 0 ? "&$skip=" + skip : "") + (select == null ? "" : "&$select=" + enc(select));
            HttpResponse<String> r = send(authorized(URI.create(base + CreatioOData.ROOT + "/" + set + "?" + query)).GET());
            JsonNode rows = Json.read(r.body(), JsonNode.class).path("value");
            rows.forEach(row -> ids.add(UUID.fromString(row.path("Id").asText())));
            if (rows.size() < PAGE) {
                return ids;
            }
        }
    }

    /** {@code PATCH}es every id of a set with the same columns, in {@code $batch} requests of 100. */
    void patchAll(String set, List<UUID> ids, Map<String, Object> columns) {
        for (int from = 0; from < ids.size(); from += BATCH) {
            List<Map<String, Object>> requests = new ArrayList<>();
            for (UUID id : ids.subList(from, Math.min(ids.size(), from + BATCH))) {
                requests.add(subRequest("PATCH", set + "(" + id + ")", columns));
            }
            batch(requests);
        }
    }

    /** One write of a {@code $batch}: a {@code POST} to {@code Set} or a {@code PATCH} of {@code Set(id)}. */
    static Map<String, Object> subRequest(String method, String url, Map<String, Object> body) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("method", method);
        request.put("url", url);
        request.put("id", UUID.randomUUID().toString());
        request.put("headers", Map.of("Content-Type", "application/json"));
        request.put("body", body);
        return request;
    }

    /** One JSON {@code $batch}; fails unless every sub-request succeeded. */
    void batch(List<Map<String, Object>> requests) {
        HttpResponse<String> r = send(authorized(URI.create(base + CreatioOData.ROOT + "/$batch"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("requests", requests)))));
        for (JsonNode response : Json.read(r.body(), JsonNode.class).path("responses")) {
            if (response.path("status").asInt() >= 300) {
                throw new IllegalStateException("$batch sub-request failed: " + response);
            }
        }
    }

    private HttpRequest.Builder authorized(URI uri) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).header("Accept", "application/json")
                .timeout(Duration.ofMinutes(2));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() >= 300) {
                throw new IllegalStateException(r.request().method() + " " + r.uri() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
