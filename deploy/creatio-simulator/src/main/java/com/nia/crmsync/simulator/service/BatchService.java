package com.nia.crmsync.simulator.service;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.nia.crmsync.simulator.auth.TechnicalUser;
import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.odata.EntityJson;
import com.nia.crmsync.simulator.odata.ODataException;
import com.nia.crmsync.simulator.odata.ODataRequest;
import com.nia.crmsync.simulator.odata.ODataResponse;
import com.nia.crmsync.simulator.store.DataStore;

/**
 * {@code POST $batch} in the JSON format (creatio-api.md §5): at most 100 sub-requests (more is a
 * 400), executed in order; the first failure stops the rest unless the request carries
 * {@code Prefer: continue-on-error}; consecutive sub-requests of one {@code atomicityGroup} run as
 * one transaction (all or nothing: the failing one reports its error, its siblings 424 Failed
 * Dependency), and the group name is replaced by a GUID in the response as Creatio does. Each
 * sub-request is one API call for the quota and passes fault rules of its own.
 */
@ApplicationScoped
public class BatchService implements ODataService.BatchRunner {

    private final ODataService odata;
    private final DataStore store;
    private final ObjectMapper mapper;
    private final int maxRequests;

    /** Signals that an atomicity group must roll back. */
    private static final class GroupFailed extends RuntimeException {
        GroupFailed() {
            super(null, null, false, false);
        }
    }

    private record Sub(String id, String method, String url, Map<String, String> headers, JsonNode body,
            String group) {
    }

    public BatchService(ODataService odata, DataStore store, ObjectMapper mapper, SimulatorConfig config) {
        this.odata = odata;
        this.store = store;
        this.mapper = mapper;
        this.maxRequests = config.odata().maxBatchRequests();
    }

    @Override
    public ODataResponse run(ODataRequest request, TechnicalUser user) {
        try {
            return runChecked(request, user);
        } catch (ODataException e) {
            return ODataResponse.error(e);
        }
    }

    private ODataResponse runChecked(ODataRequest request, TechnicalUser user) {
        if (!request.method().equals("POST")) {
            throw new ODataException(405, "The requested resource does not support http method '"
                    + request.method() + "'.", "");
        }
        String contentType = request.header("content-type");
        String boundary = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
                ? MultipartBatch.boundary(contentType) : null;
        List<Sub> subs = boundary != null ? parseMultipart(request.body(), boundary) : parse(request.body());
        if (subs.size() > maxRequests) {
            throw ODataException.badRequest("The current batch message contains too many parts. Only batch messages"
                    + " with a maximum number of '" + maxRequests + "' query operations and change sets are allowed.");
        }
        String prefer = request.header("prefer");
        boolean continueOnError = prefer != null && prefer.toLowerCase(Locale.ROOT).contains("continue-on-error");
        Map<String, String> groupIds = new HashMap<>();
        List<Map<String, Object>> responses = new ArrayList<>();
        List<MultipartBatch.Part> parts = new ArrayList<>();
        long waitAfterMs = 0;
        int i = 0;
        while (i < subs.size()) {
            Sub first = subs.get(i);
            int end = i + 1;
            if (first.group() != null) {
                while (end < subs.size() && first.group().equals(subs.get(end).group())) {
                    end++;
                }
            }
            List<Sub> unit = subs.subList(i, end);
            List<ODataResponse> results = new ArrayList<>();
            long[] wait = new long[1];
            boolean failed;
            if (first.group() == null) {
                ODataService.SubResult result = odata.serveInBatch(toRequest(first, request), user);
                results.add(result.response());
                wait[0] += result.waitAfterMs();
                failed = result.response().failed();
            } else {
                failed = runGroup(unit, request, user, results, wait);
            }
            waitAfterMs += wait[0];
            if (boundary != null) {
                parts.add(new MultipartBatch.Part(unit.stream().map(Sub::id).collect(Collectors.toList()),
                        results, first.group() != null, failed));
            }
            for (int k = 0; k < unit.size(); k++) {
                Sub sub = unit.get(k);
                ODataResponse response = k < results.size() ? results.get(k)
                        : ODataResponse.error(new ODataException(424, "Failed Dependency",
                                "Another request of atomicity group '" + sub.group() + "' failed."));
                if (failed && first.group() != null && !response.failed()) {
                    // Rolled back with its group: report the dependency failure instead of a success.
                    response = ODataResponse.error(new ODataException(424, "Failed Dependency",
                            "Another request of atomicity group '" + sub.group() + "' failed; all were rolled back."));
                }
                String group = sub.group() == null ? null
                        : groupIds.computeIfAbsent(sub.group(), name -> UUID.randomUUID().toString());
                responses.add(describe(sub, response, group));
            }
            i = end;
            if (failed && !continueOnError) {
                break;
            }
        }
        FaultService.pause(waitAfterMs);
        if (boundary != null) {
            ODataResponse multipart = MultipartBatch.render(parts);
            return continueOnError ? multipart.with("Preference-Applied", "odata.continue-on-error") : multipart;
        }
        ODataResponse response = ODataResponse.json(200, EntityJson.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("responses");
            for (Map<String, Object> item : responses) {
                g.writeStartObject();
                g.writeStringField("id", (String) item.get("id"));
                g.writeNumberField("status", (Integer) item.get("status"));
                if (item.get("atomicityGroup") != null) {
                    g.writeStringField("atomicityGroup", (String) item.get("atomicityGroup"));
                }
                g.writeObjectFieldStart("headers");
                @SuppressWarnings("unchecked")
                Map<String, String> headers = (Map<String, String>) item.get("headers");
                for (Map.Entry<String, String> header : headers.entrySet()) {
                    g.writeStringField(header.getKey(), header.getValue());
                }
                g.writeEndObject();
                byte[] body = (byte[]) item.get("body");
                if (body != null && body.length > 0) {
                    g.writeFieldName("body");
                    String text = new String(body, StandardCharsets.UTF_8);
                    if (headers.getOrDefault("content-type", "").startsWith("application/json")) {
                        g.writeRawValue(text);
                    } else {
                        g.writeString(text);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }));
        return continueOnError ? response.with("Preference-Applied", "odata.continue-on-error") : response;
    }

    /** Runs one atomicity group in a transaction; returns whether it failed (and was rolled back). */
    private boolean runGroup(List<Sub> unit, ODataRequest request, TechnicalUser user, List<ODataResponse> results,
            long[] wait) {
        try {
            store.transaction(() -> {
                for (Sub sub : unit) {
                    ODataService.SubResult result = odata.serveInBatch(toRequest(sub, request), user);
                    results.add(result.response());
                    wait[0] += result.waitAfterMs();
                    if (result.response().failed()) {
                        throw new GroupFailed();
                    }
                }
                return null;
            });
            return false;
        } catch (GroupFailed e) {
            return true;
        }
    }

    private Map<String, Object> describe(Sub sub, ODataResponse response, String group) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        Map<String, Object> item = new HashMap<>();
        item.put("id", sub.id());
        item.put("status", response.status());
        item.put("headers", headers);
        item.put("body", response.body());
        item.put("atomicityGroup", group);
        return item;
    }

    private List<Sub> parse(byte[] body) {
        JsonNode root;
        try {
            root = body == null || body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            throw ODataException.badRequest("The $batch body is not valid JSON: " + e.getMessage());
        }
        if (root == null || !root.path("requests").isArray()) {
            throw ODataException.badRequest("A JSON $batch body must be an object with a 'requests' array.");
        }
        List<Sub> subs = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.get("requests")) {
            index++;
            String method = node.path("method").asText("").toUpperCase(Locale.ROOT);
            String url = node.path("url").asText(null);
            if (method.isEmpty() || url == null) {
                throw ODataException.badRequest("Batch request " + index + " needs a 'method' and a 'url'.");
            }
            Map<String, String> headers = new HashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.path("headers").fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> header = fields.next();
                headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText());
            }
            String group = node.hasNonNull("atomicityGroup") ? node.get("atomicityGroup").asText() : null;
            subs.add(new Sub(node.path("id").asText(Integer.toString(index)), method, url, headers,
                    node.get("body"), group));
        }
        return subs;
    }

    /** Parses a multipart/mixed batch: each change set becomes an atomicity group named by its boundary. */
    private List<Sub> parseMultipart(byte[] body, String boundary) {
        List<Sub> subs = new ArrayList<>();
        for (MultipartBatch.Request request : MultipartBatch.parse(body, boundary)) {
            JsonNode json = null;
            if (!request.body().isBlank()) {
                try {
                    json = mapper.readTree(request.body());
                } catch (IOException e) {
                    throw ODataException.badRequest("Bad JSON body in batch part " + request.id() + ".");
                }
            }
            subs.add(new Sub(request.id(), request.method(), request.url(), request.headers(), json,
                    request.changeSet()));
        }
        return subs;
    }

    /** Resolves a sub-request URL ({@code Lead}, {@code /0/odata/Lead(..)}, or absolute) against the service root. */
    private ODataRequest toRequest(Sub sub, ODataRequest outer) {
        String url = sub.url();
        String rootPath = URI.create(outer.serviceRoot()).getPath();
        if (url.startsWith("http://") || url.startsWith("https://")) {
            URI uri = URI.create(url);
            url = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        if (url.startsWith(rootPath + "/")) {
            url = url.substring(rootPath.length() + 1);
        } else if (url.startsWith("/")) {
            url = url.substring(1);
        }
        String path = url;
        String rawQuery = null;
        int question = url.indexOf('?');
        if (question >= 0) {
            path = url.substring(0, question);
            rawQuery = url.substring(question + 1);
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                query.putIfAbsent(name, value);
            }
        }
        Map<String, String> headers = new HashMap<>(outer.headers());
        headers.putAll(sub.headers());
        byte[] body;
        try {
            body = sub.body() == null || sub.body().isNull() ? new byte[0] : mapper.writeValueAsBytes(sub.body());
        } catch (IOException e) {
            throw ODataException.badRequest("Bad body in batch request " + sub.id());
        }
        return new ODataRequest(sub.method(), URLDecoder.decode(path, StandardCharsets.UTF_8), query, rawQuery,
                headers, body, outer.serviceRoot());
    }
}
