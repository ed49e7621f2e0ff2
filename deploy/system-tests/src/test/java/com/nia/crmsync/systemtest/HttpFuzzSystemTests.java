package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 21, part 3, over HTTP: every public operation of sync-api and conflict-service, as their own
 * OpenAPI documents ({@code /q/openapi}) describe them, called through the front router as a client
 * would, with a real signed token of a role the operation allows, with seeded malformed input:
 * bad UUIDs and injection strings in path and query;
 * values of the wrong type; bodies that are not JSON, miss a required field, carry a field of the
 * wrong type or extra fields, huge strings, deep nesting, or are 1.5 MB of the wrong shape; wrong content
 * types; bad {@code If-Match} and {@code Idempotency-Key}. Every case is built to be invalid, so none
 * may change anything. Expected: no answer 5xx; every 4xx {@code application/problem+json}; a 400
 * whose fault is a field names it; the counts of leads, contacts, meetings, conflicts, deletions and
 * runs are what they were. The counts are printed.
 */
@ExtendWith(LogsOnFailure.class)
class HttpFuzzSystemTests {

    static final long SEED = 21_3L;
    private static final int CONCURRENCY = 4;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final List<String> BAD_IDS = List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g", "12345",
            "' OR '1'='1", "1;DROP TABLE sync_record", "..%2F..%2Fetc%2Fpasswd", "%00", "%0d%0aX-Injected:%20yes",
            "%E2%80%AE%F0%9F%92%A5", "x".repeat(1000), "-1", "9".repeat(40), "null", "%7B%7D");
    private static final List<String> INJECTIONS = List.of("' OR '1'='1", "1); DELETE FROM lead; --", "\" OR \"\"=\"",
            "Name eq 'x' or 1 eq 1", "$filter=Id ne null", "') or substringof('a',Name) or ('", "{\"$gt\":\"\"}",
            "\\u0000\\\"}", "\r\nX-Injected: yes", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/x}", "%s%s%n",
            "\u202e\uD83D\uDCA5", "*", "..\\..\\windows");
    private static final List<String> NUMBERS = List.of("abc", "-1", "1e309", "99999999999999999999", "1.5", "", "NaN", "0x10",
            "' OR 1=1 --");
    private static final List<String> IF_MATCH = List.of("", "\"\"", "\"x\"", "W/\"1\"", "abc", "\"99999999999999999999\"", "\"-1\"",
            "\"1\", \"2\"", "\"" + "9".repeat(500) + "\"", "' OR 1=1 --");
    private static final List<String> IDEMPOTENCY_KEYS = List.of("", " ", "x".repeat(5000), "' OR '1'='1", "../../etc/passwd",
            "%C3%A9%00", "%0d%0a");

    /** One operation of an OpenAPI document. */
    private record Operation(String method, String path, JsonNode spec, JsonNode document) {

        String name() {
            return method + " " + path;
        }

        boolean reads() {
            return method.equals("GET");
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> found = new ArrayList<>();
            spec.path("parameters").forEach(p -> {
                JsonNode parameter = resolve(document, p);
                if (in.equals(parameter.path("in").asText())) {
                    found.add(parameter);
                }
            });
            return found;
        }

        /** The JSON body's schema, resolved; null when the operation takes none. */
        JsonNode bodySchema() {
            JsonNode content = spec.path("requestBody").path("content");
            JsonNode json = content.path("application/json").path("schema");
            return json.isMissingNode() ? null : resolve(document, json);
        }

        boolean bodyRequired() {
            return spec.path("requestBody").path("required").asBoolean(false);
        }

        /** The least privileged role the operation names (its security scopes); admin when it names none. */
        String role() {
            List<String> roles = new ArrayList<>();
            spec.path("security").forEach(s -> s.fields().forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText()))));
            for (String role : List.of("viewer", "operator", "admin")) {
                if (roles.contains(role)) {
                    return role;
                }
            }
            return "admin";
        }
    }

    /** One malformed request: its class, what it sends and, for a 400, the field it must name. */
    private record Case(Operation operation, String kind, String path, Map<String, String> query, Map<String, String> headers,
            String contentType, byte[] body, String field) {
    }

    /** One answer. */
    private record Answer(Case sent, int status, String contentType, String body) {
    }

    @Test
    void malformedRequestsToEveryPublicOperationAreAnsweredWithProblemsAndChangeNothing() throws Exception {
        Instant started = Instant.now();
        Stack stack = SystemStack.get();
        String router = stack.service(ServiceKind.FRONT_ROUTER).baseUrl();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        List<Operation> operations = new ArrayList<>();
        for (ServiceKind service : List.of(ServiceKind.SYNC_API, ServiceKind.CONFLICT_SERVICE)) {
            operations.addAll(operations(http, stack.service(service).baseUrl()));
        }
        assertThat(operations).as("public operations in the OpenAPI documents").hasSizeGreaterThan(20);

        Random random = new Random(SEED);
        List<Case> cases = new ArrayList<>();
        // rounds over every operation (the same Random goes on, so a round picks other values) until there are enough
        for (int round = 0; round < 3 && cases.size() < 2_100; round++) {
            for (Operation operation : operations) {
                cases.addAll(cases(operation, random));
            }
        }
        Map<String, Long> before = counts(http, router);

        Map<String, String> tokens = Map.of("viewer", TestTokens.viewer(), "operator", TestTokens.operator(), "admin", TestTokens.admin());
        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        Iterator<Case> next = cases.iterator();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CONCURRENCY; c++) {
                clients.add(pool.submit(() -> {
                    while (true) {
                        Case sent;
                        synchronized (next) {
                            if (!next.hasNext()) {
                                return null;
                            }
                            sent = next.next();
                        }
                        answers.add(send(http, router, tokens, sent));
                    }
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> after = counts(http, router);

        Map<String, AtomicInteger> perOperation = new TreeMap<>();
        Map<String, AtomicInteger> perKind = new TreeMap<>();
        Map<Integer, AtomicInteger> perStatus = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> notProblems = new ArrayList<>();
        List<String> fieldNotNamed = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        for (Answer answer : answers) {
            Case sent = answer.sent();
            perOperation.computeIfAbsent(sent.operation().name(), k -> new AtomicInteger()).incrementAndGet();
            perKind.computeIfAbsent(sent.kind(), k -> new AtomicInteger()).incrementAndGet();
            perStatus.computeIfAbsent(answer.status(), k -> new AtomicInteger()).incrementAndGet();
            String what = sent.operation().name() + " [" + sent.kind() + "] " + abbreviate(sent.path(), 80) + " -> " + answer.status()
                    + " " + abbreviate(answer.body(), 200);
            if (answer.status() >= 500) {
                serverErrors.add(what);
            } else if (answer.status() >= 400) {
                if (answer.contentType() == null || !answer.contentType().startsWith("application/problem+json")) {
                    notProblems.add(what + " (" + answer.contentType() + ")");
                } else if (answer.status() == 400 && sent.field() != null && !namesField(answer.body(), sent.field())) {
                    fieldNotNamed.add(what + " (expected " + sent.field() + ")");
                }
            } else if (!sent.operation().reads()) {
                accepted.add(what);
            }
        }

        System.out.printf("HTTP fuzz (seed %d): %d malformed requests to %d operations through the front router in %d s%n", SEED,
                answers.size(), operations.size(), Duration.between(started, Instant.now()).toSeconds());
        System.out.println("  requests per class: " + perKind);
        System.out.println("  answers per status: " + perStatus);
        System.out.println("  requests per operation:");
        perOperation.forEach((k, v) -> System.out.printf("    %5d  %s%n", v.get(), k));
        System.out.println("  counts before: " + before + ", after: " + after);
        print("5xx answers", serverErrors);
        print("4xx answers that are not problems", notProblems);
        print("400 answers that do not name the field at fault", fieldNotNamed);
        print("writes accepted", accepted);

        assertThat(answers).hasSizeGreaterThanOrEqualTo(2_000);
        assertThat(serverErrors).as("5xx answers").isEmpty();
        assertThat(notProblems).as("4xx answers that are not application/problem+json").isEmpty();
        assertThat(fieldNotNamed).as("400 answers that do not name the field at fault").isEmpty();
        assertThat(after).as("nothing written by rejected requests").isEqualTo(before);
    }

    // ---- the operations

    private static List<Operation> operations(HttpClient http, String service) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service + "/q/openapi?format=json"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("the OpenAPI document of " + service).isEqualTo(200);
        JsonNode document = Json.mapper().readTree(response.body());
        List<Operation> operations = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> {
            if (path.getKey().startsWith("/api/v1/")) {
                path.getValue().fields().forEachRemaining(method -> {
                    if (List.of("get", "post", "put", "patch", "delete").contains(method.getKey())) {
                        operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), method.getValue(), document));
                    }
                });
            }
        });
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode node) {
        JsonNode current = node;
        for (int depth = 0; depth < 10 && current.has("$ref"); depth++) {
            String ref = current.get("$ref").asText();
            current = document.at(ref.substring(1));
        }
        return current;
    }

    // ---- the cases

    private static List<Case> cases(Operation op, Random random) {
        List<Case> cases = new ArrayList<>();
        JsonNode schema = op.bodySchema();
        ObjectNode base = schema == null ? null : example(op.document(), schema, 0);
        List<String> required = new ArrayList<>();
        if (schema != null) {
            schema.path("required").forEach(r -> required.add(r.asText()));
        }
        // a body that is surely invalid, for cases that test something else: a required field missing, else none
        byte[] invalidBody = null;
        String invalidField = null;
        if (base != null && !required.isEmpty()) {
            ObjectNode broken = base.deepCopy();
            broken.remove(required.get(0));
            invalidBody = bytes(broken.toString());
            invalidField = required.get(0);
        } else if (base != null) {
            invalidBody = bytes("{");
        }
        String missing = invalidField;

        // bad ids and injection strings in the path
        for (JsonNode parameter : op.parameters("path")) {
            for (String bad : BAD_IDS) {
                cases.add(new Case(op, "path", path(op, random, Map.of(parameter.path("name").asText(), bad)), Map.of(), Map.of(),
                        jsonType(base), base == null ? null : bytes(base.toString()), null));
            }
        }

        // wrong types and injection strings in the query
        for (JsonNode parameter : op.parameters("query")) {
            String name = parameter.path("name").asText();
            JsonNode type = resolve(op.document(), parameter.path("schema"));
            boolean typed = "integer".equals(type.path("type").asText()) || type.has("enum") || type.has("format");
            if (!typed && !op.reads()) {
                // a write whose query parameter is free text or a boolean could accept any value: left to its body's cases
                continue;
            }
            List<String> values = new ArrayList<>(typed ? NUMBERS : List.of());
            if (op.reads()) {
                values.addAll(pick(INJECTIONS, 5, random));
                values.add("x".repeat(2_000));
            } else {
                values.removeIf(v -> !List.of("abc", "99999999999999999999", "' OR 1=1 --").contains(v));
            }
            for (String value : values) {
                cases.add(new Case(op, "query", path(op, random, null), Map.of(name, value), Map.of(), jsonType(base),
                        op.reads() ? null : invalidBody, typed && "abc".equals(value) ? name : null));
            }
        }
        if (op.reads()) {
            for (String value : pick(INJECTIONS, 4, random)) {
                cases.add(new Case(op, "query", path(op, random, null), Map.of("$filter", value, "fuzz_" + random.nextInt(100), value),
                        Map.of(), null, null, null));
            }
        }

        // bad If-Match and Idempotency-Key
        boolean ifMatch = op.parameters("header").stream().anyMatch(p -> "If-Match".equalsIgnoreCase(p.path("name").asText()));
        boolean idempotency = op.parameters("header").stream().anyMatch(p -> "Idempotency-Key".equalsIgnoreCase(p.path("name").asText()));
        if (ifMatch) {
            for (String value : IF_MATCH) {
                // on an id that does not exist (404) or with a body the service must refuse
                byte[] body = op.parameters("path").isEmpty() ? invalidBody : base == null ? null : bytes(base.toString());
                cases.add(new Case(op, "if-match", path(op, random, null), Map.of(), Map.of("If-Match", value), jsonType(base), body,
                        null));
            }
        }
        if (idempotency) {
            for (String value : IDEMPOTENCY_KEYS) {
                cases.add(new Case(op, "idempotency-key", path(op, random, null), Map.of(), Map.of("Idempotency-Key", value),
                        jsonType(base), invalidBody, invalidField));
            }
        }

        if (schema != null) {
            String path = path(op, random, null);
            // not JSON, or JSON of the wrong shape
            List<String> unreadable = new ArrayList<>(List.of("{", "{\"a\":}", "[]", "42", "\"text\"", "{\"a\":1,,}", "\u0000",
                    "{'single':'quotes'}", "[".repeat(3000) + "]".repeat(3000)));
            if (op.bodyRequired()) {
                unreadable.add("null");
                unreadable.add("");
            }
            for (String body : unreadable) {
                cases.add(new Case(op, "not-json", path, Map.of(), Map.of(), "application/json", bytes(body), null));
            }
            // wrong content types
            for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                    "application/json; charset=ebcdic")) {
                cases.add(new Case(op, "content-type", path, Map.of(), Map.of(), type, bytes(base.toString()), null));
            }
            // a body of 1.5 MB (below sync-api's 2 MB limit, so it reaches the JSON reader), of the wrong shape
            if (random.nextInt(3) == 0) {
                cases.add(new Case(op, "huge-body", path, Map.of(), Map.of(), "application/json",
                        bytes("[\"" + "x".repeat(1536 * 1024) + "\"]"), null));
            }
            // each required field missing
            for (String field : required) {
                ObjectNode body = base.deepCopy();
                body.remove(field);
                cases.add(new Case(op, "missing-field", path, Map.of(), Map.of(), "application/json", bytes(body.toString()), field));
            }
            // each field of the wrong type, once alone and once with extra fields
            schema.path("properties").fields().forEachRemaining(property -> {
                JsonNode propertySchema = resolve(op.document(), property.getValue());
                if (!propertySchema.has("type") && !propertySchema.has("enum")) {
                    return; // any JSON (a JsonNode): no value is of the wrong type
                }
                for (JsonNode wrong : wrongValues(propertySchema, random)) {
                    ObjectNode body = base.deepCopy();
                    body.set(property.getKey(), wrong);
                    cases.add(new Case(op, "wrong-type", path, Map.of(), Map.of(), "application/json", bytes(body.toString()),
                            property.getKey()));
                    body.put("fuzz_extra_" + random.nextInt(1000), "' OR '1'='1");
                    body.set("__proto__", NODES.objectNode().put("admin", true));
                    cases.add(new Case(op, "extra-fields", path, Map.of(), Map.of(), "application/json", bytes(body.toString()),
                            property.getKey()));
                }
            });
            // huge strings and injection strings in names, with a required field missing
            if (invalidField != null) {
                List<String> strings = new ArrayList<>(pick(INJECTIONS, 6, random));
                strings.add("x".repeat(200_000));
                strings.add("\u00e9".repeat(70_000));
                for (String value : strings) {
                    ObjectNode body = base.deepCopy();
                    body.remove(invalidField);
                    schema.path("properties").fields().forEachRemaining(property -> {
                        if ("string".equals(resolve(op.document(), property.getValue()).path("type").asText())
                                && !resolve(op.document(), property.getValue()).has("format")
                                && !resolve(op.document(), property.getValue()).has("enum") && !property.getKey().equals(missing)) {
                            body.put(property.getKey(), value);
                        }
                    });
                    cases.add(new Case(op, value.length() > 1000 ? "huge-string" : "injection", path, Map.of(), Map.of(),
                            "application/json", bytes(body.toString()), invalidField));
                }
            }
        }
        return cases;
    }

    /** Values of another type than the schema's (those Jackson cannot coerce into it). */
    private static List<JsonNode> wrongValues(JsonNode schema, Random random) {
        String type = schema.path("type").asText();
        List<JsonNode> values = new ArrayList<>();
        switch (type) {
            case "integer" -> {
                values.add(NODES.textNode("abc"));
                values.add(NODES.objectNode());
                values.add(NODES.numberNode(new BigInteger("9".repeat(30))));
            }
            case "number" -> {
                values.add(NODES.textNode("abc"));
                values.add(NODES.objectNode());
            }
            case "boolean" -> {
                values.add(NODES.textNode("maybe"));
                values.add(NODES.arrayNode());
            }
            case "array" -> values.add(NODES.objectNode().put("not", "a list"));
            case "object" -> values.add(NODES.arrayNode().add(1));
            default -> {
                if (schema.has("enum")) {
                    values.add(NODES.textNode("no_such_value_" + random.nextInt(100)));
                } else if ("uuid".equals(schema.path("format").asText())) {
                    values.add(NODES.textNode(pick(BAD_IDS, 1, random).get(0)));
                } else if (schema.path("format").asText().startsWith("date")) {
                    values.add(NODES.textNode("yesterday"));
                }
                values.add(NODES.objectNode().put("nested", "object"));
                values.add(NODES.arrayNode().add("a").add("b"));
            }
        }
        return values;
    }

    /** A body the schema describes: every property with a value of its type. */
    private static ObjectNode example(JsonNode document, JsonNode schema, int depth) {
        ObjectNode body = NODES.objectNode();
        schema.path("properties").fields().forEachRemaining(property -> {
            JsonNode value = exampleValue(document, resolve(document, property.getValue()), depth);
            if (value != null) {
                body.set(property.getKey(), value);
            }
        });
        return body;
    }

    private static JsonNode exampleValue(JsonNode document, JsonNode schema, int depth) {
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        if (schema.has("allOf") && !schema.get("allOf").isEmpty()) {
            return exampleValue(document, resolve(document, schema.get("allOf").get(0)), depth);
        }
        return switch (schema.path("type").asText()) {
            case "integer", "number" -> NODES.numberNode(1);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (depth < 3) {
                    JsonNode item = exampleValue(document, resolve(document, schema.path("items")), depth + 1);
                    if (item != null) {
                        array.add(item);
                    }
                }
                yield array;
            }
            case "object" -> depth < 3 ? example(document, schema, depth + 1) : NODES.objectNode();
            case "string" -> switch (schema.path("format").asText()) {
                case "uuid" -> NODES.textNode(UUID.randomUUID().toString());
                case "date-time" -> NODES.textNode("2026-12-07T05:00:00Z");
                case "date" -> NODES.textNode("2026-12-07");
                case "email" -> NODES.textNode("fuzz@nia.example");
                default -> NODES.textNode("fuzz");
            };
            default -> null;
        };
    }

    /** The path with every parameter a random (unknown) UUID, or the value given. */
    private static String path(Operation op, Random random, Map<String, String> values) {
        String path = op.path();
        for (JsonNode parameter : op.parameters("path")) {
            String name = parameter.path("name").asText();
            String value = values != null && values.containsKey(name) ? values.get(name)
                    : new UUID(random.nextLong(), random.nextLong()).toString();
            path = path.replace("{" + name + "}", value.contains("%") ? value : URLEncoder.encode(value, StandardCharsets.UTF_8)
                    .replace("+", "%20"));
        }
        return path;
    }

    // ---- sending

    private static Answer send(HttpClient http, String router, Map<String, String> tokens, Case sent) {
        StringBuilder uri = new StringBuilder(router).append(sent.path());
        String separator = "?";
        for (Map.Entry<String, String> q : sent.query().entrySet()) {
            uri.append(separator).append(URLEncoder.encode(q.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(q.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(uri.toString())).timeout(Duration.ofSeconds(60));
        request.header("Authorization", TestTokens.bearer(tokens.get(sent.operation().role())));
        sent.headers().forEach(request::header);
        if (sent.body() != null) {
            request.header("Content-Type", sent.contentType());
            request.method(sent.operation().method(), HttpRequest.BodyPublishers.ofByteArray(sent.body()));
        } else {
            request.method(sent.operation().method(), HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(sent, response.statusCode(), response.headers().firstValue("Content-Type").orElse(null), response.body());
        } catch (Exception e) {
            return new Answer(sent, 599, null, "no answer: " + e);
        }
    }

    /** How many leads, contacts, meetings, conflicts, deletions and runs there are (the lists' totals). */
    private static Map<String, Long> counts(HttpClient http, String router) throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String list : List.of("/api/v1/leads", "/api/v1/contacts", "/api/v1/crm/meetings/",
                "/api/v1/crm/conflicts/?status=all", "/api/v1/crm/sync/deletions", "/api/v1/crm/sync/runs/")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(router + list + (list.contains("?") ? "&" : "?")
                    + "size=1")).header("Authorization", TestTokens.bearer(TestTokens.admin())).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode page = response.statusCode() == 200 ? Json.mapper().readTree(response.body()) : null;
            counts.put(list, page == null || !page.has("total") ? -response.statusCode() : page.get("total").asLong());
        }
        return counts;
    }

    private static boolean namesField(String body, String field) {
        try {
            for (JsonNode error : Json.mapper().readTree(body).path("errors")) {
                String named = error.path("field").asText();
                if (named.equalsIgnoreCase(field) || named.equals("/" + field) || named.startsWith("/" + field + "/")) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private static <T> List<T> pick(List<T> from, int count, Random random) {
        List<T> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(from.get(random.nextInt(from.size())));
        }
        return picked;
    }

    private static String jsonType(JsonNode base) {
        return base == null ? null : "application/json";
    }

    private static void print(String title, List<String> lines) {
        if (!lines.isEmpty()) {
            System.out.println("  " + title + " (" + lines.size() + "):");
            lines.stream().limit(40).forEach(line -> System.out.println("    " + line));
        }
    }

    private static String abbreviate(String text, int length) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > length ? flat.substring(0, length) + "…" : flat;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
