package com.nia.crmsync.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Proves, from a service's own OpenAPI document ({@code /q/openapi}), that its public JSON is
 * snake_case: it walks every schema of the document (the components and every inline schema of
 * a request body, a response or a parameter, through nested objects, arrays, maps and
 * compositions) and lists every property name that is not lower snake_case ({@code updatedAt},
 * {@code runId}), with the JSON pointer where it was found. A view added later with a camelCase
 * property cannot pass.
 */
public final class OpenApiNamingCheck {

    /** Lower snake_case: lowercase letters and digits, words joined by single underscores. */
    static final Pattern SNAKE_CASE = Pattern.compile("[a-z0-9]+(_[a-z0-9]+)*");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private OpenApiNamingCheck() {
    }

    /** Walks the OpenAPI document served by the service at {@code baseUrl}. */
    public static Result run(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return walk(fetch(base + "/q/openapi?format=json"));
    }

    /** Walks an OpenAPI document already read. */
    public static Result walk(JsonNode document) {
        List<String> offenders = new ArrayList<>();
        int[] checked = {0};
        visit(document, "", offenders, checked);
        return new Result(checked[0], offenders);
    }

    /**
     * Every {@code enum} of an OpenAPI document (read as JSON text), each as its values' text: the
     * names a client must send, to compare with the wire names the API reads.
     */
    public static List<List<String>> enums(String json) {
        try {
            List<List<String>> enums = new ArrayList<>();
            collectEnums(new ObjectMapper().readTree(json), enums);
            return enums;
        } catch (IOException e) {
            throw new IllegalStateException("not an OpenAPI document", e);
        }
    }

    private static void collectEnums(JsonNode node, List<List<String>> enums) {
        if (node.isObject() && node.path("enum").isArray()) {
            List<String> values = new ArrayList<>();
            node.get("enum").forEach(v -> values.add(v.asText()));
            enums.add(values);
        }
        node.forEach(child -> collectEnums(child, enums));
    }

    /**
     * What the check found.
     *
     * @param properties how many property names it checked
     * @param offenders  each property name that is not snake_case, with where it was found
     */
    public record Result(int properties, List<String> offenders) {

        /** Throws an {@link AssertionError} listing every offender; also when no property was checked at all. */
        public Result assertSnakeCase() {
            if (properties == 0) {
                throw new AssertionError("the OpenAPI document has no schema property to check");
            }
            if (!offenders.isEmpty()) {
                throw new AssertionError(offenders.size() + " property name(s) not in snake_case:\n  " + String.join("\n  ", offenders));
            }
            return this;
        }
    }

    private static void visit(JsonNode node, String pointer, List<String> offenders, int[] checked) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                visit(node.get(i), pointer + "/" + i, offenders, checked);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        // "properties" of a schema holds names; of anything else ("examples", "headers") it is walked like any member
        JsonNode properties = node.get("properties");
        if (properties != null && properties.isObject() && isSchema(node)) {
            Iterator<String> names = properties.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                checked[0]++;
                if (!SNAKE_CASE.matcher(name).matches()) {
                    offenders.add(name + " at " + pointer + "/properties");
                }
            }
        }
        Iterator<Map.Entry<String, JsonNode>> members = node.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (!"example".equals(member.getKey()) && !"examples".equals(member.getKey())) {
                visit(member.getValue(), pointer + "/" + member.getKey().replace("~", "~0").replace("/", "~1"), offenders, checked);
            }
        }
    }

    /** Whether an object carrying {@code properties} is a schema (and not, say, a property literally named so). */
    private static boolean isSchema(JsonNode node) {
        JsonNode type = node.get("type");
        return type == null || "object".equals(type.asText()) || type.isArray();
    }

    private static JsonNode fetch(String url) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
