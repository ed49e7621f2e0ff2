package com.nia.crmsync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.gateway.BatchRequest;
import com.nia.crmsync.model.gateway.BatchResponse;
import com.nia.crmsync.model.gateway.ConnectionTest;
import com.nia.crmsync.model.gateway.CreateRequest;
import com.nia.crmsync.model.gateway.CreateResponse;
import com.nia.crmsync.model.gateway.EntityColumns;
import com.nia.crmsync.model.gateway.FindRequest;
import com.nia.crmsync.model.gateway.FindResponse;
import com.nia.crmsync.model.gateway.GatewayStatus;
import com.nia.crmsync.model.gateway.IntegrationUser;
import com.nia.crmsync.model.gateway.LookupNames;
import com.nia.crmsync.model.gateway.LookupNamesRequest;
import com.nia.crmsync.model.gateway.LookupRow;
import com.nia.crmsync.model.gateway.PageResponse;
import com.nia.crmsync.model.gateway.ReadManyRequest;
import com.nia.crmsync.model.gateway.ReadManyResponse;

/**
 * The gateway's OpenAPI document ({@code /q/openapi}) cannot drift from the records of
 * {@code com.nia.crmsync.model.gateway} that sync-worker and sync-api read and write (as
 * {@code AsyncApiContractTests} pins {@code docs/asyncapi.yaml} to the event records).
 *
 * <p>Every operation under {@code /internal/} is listed in {@link #ENDPOINTS} with the record its
 * request body and its answer must be (or none, for a plain map, list or empty answer). For each,
 * the schema's property names must equal the record's component names, recursively through
 * nested records, lists and sets: renaming, adding or removing a component of a shared record, or
 * a resource answering another type, fails here. {@link #theCheckSeesARenamedComponent} shows the
 * comparison can fail.
 */
@QuarkusTest
@GatewayInfrastructure
class GatewayOpenApiContractTests {

    /** One operation of the internal API and the shared records of its body and its answer. */
    record Endpoint(String method, String path, Class<?> request, String status, Class<?> response) {
        @Override
        public String toString() {
            return method.toUpperCase() + " " + path;
        }
    }

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("get", "/internal/v1/status", null, "200", GatewayStatus.class),
            new Endpoint("post", "/internal/v1/batch", BatchRequest.class, "200", BatchResponse.class),
            new Endpoint("get", "/internal/v1/lookups/{lookup}", null, "200", LookupRow.class),
            new Endpoint("get", "/internal/v1/integration-user", null, "200", IntegrationUser.class),
            new Endpoint("post", "/internal/v1/lookups/names", LookupNamesRequest.class, "200", LookupNames.class),
            new Endpoint("get", "/internal/v1/metadata", null, "200", null),
            new Endpoint("get", "/internal/v1/metadata/{set}", null, "200", EntityColumns.class),
            new Endpoint("post", "/internal/v1/test-connection", null, "200", ConnectionTest.class),
            new Endpoint("post", "/internal/v1/entities/{set}", CreateRequest.class, "201", CreateResponse.class),
            new Endpoint("get", "/internal/v1/entities/{set}/{id}", null, "200", null),
            new Endpoint("patch", "/internal/v1/entities/{set}/{id}", null, "200", null),
            new Endpoint("delete", "/internal/v1/entities/{set}/{id}", null, "200", null),
            new Endpoint("post", "/internal/v1/entities/{set}/read", ReadManyRequest.class, "200", ReadManyResponse.class),
            new Endpoint("post", "/internal/v1/entities/{set}/find", FindRequest.class, "200", FindResponse.class),
            new Endpoint("get", "/internal/v1/entities/{set}/changes", null, "200", PageResponse.class));

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    JsonNode document;

    @BeforeEach
    void readTheDocument() throws Exception {
        document = new ObjectMapper().readTree(given().accept("application/json").when().get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString());
    }

    @Test
    void everyInternalOperationIsPinned() {
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (path.getKey().startsWith("/internal/")) {
                path.getValue().fieldNames().forEachRemaining(m -> {
                    if (METHODS.contains(m)) {
                        documented.add(m.toUpperCase() + " " + path.getKey());
                    }
                });
            }
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ENDPOINTS.stream().map(Endpoint::toString).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void theRequestAndAnswerSchemasNameExactlyTheSharedRecordsComponents(Endpoint endpoint) {
        JsonNode operation = document.path("paths").path(endpoint.path()).path(endpoint.method());
        assertThat(operation.isMissingNode()).as("%s is documented", endpoint).isFalse();
        List<String> differences = new ArrayList<>();
        if (endpoint.request() != null) {
            JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
            compare(endpoint + " request", schema, endpoint.request(), differences);
        }
        if (endpoint.response() != null) {
            JsonNode schema = operation.path("responses").path(endpoint.status()).path("content").path("application/json").path("schema");
            compare(endpoint + " answer", schema, endpoint.response(), differences);
        }
        assertThat(differences).isEmpty();
    }

    @Test
    void theCheckSeesARenamedComponent() {
        record Renamed(List<String> ids, List<String> columns) {
        }
        JsonNode schema = document.path("paths").path("/internal/v1/entities/{set}/read").path("post").path("requestBody")
                .path("content").path("application/json").path("schema");
        List<String> differences = new ArrayList<>();

        compare("read request", schema, Renamed.class, differences);

        assertThat(differences).singleElement().asString().contains("select").contains("columns");
    }

    static List<Endpoint> endpoints() {
        return ENDPOINTS;
    }

    private void compare(String where, JsonNode schema, Type type, List<String> differences) {
        JsonNode resolved = resolve(schema);
        if (resolved.isMissingNode()) {
            differences.add(where + ": no schema for " + type.getTypeName());
            return;
        }
        if (type instanceof Class<?> record && record.isRecord()) {
            Set<String> components = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> properties = new TreeSet<>();
            resolved.path("properties").fieldNames().forEachRemaining(properties::add);
            if (!components.equals(properties)) {
                differences.add(where + ": schema " + properties + " but " + record.getSimpleName() + " has " + components);
                return;
            }
            for (RecordComponent component : record.getRecordComponents()) {
                compare(where + "." + component.getName(), resolved.path("properties").path(component.getName()),
                        component.getGenericType(), differences);
            }
        } else if (type instanceof ParameterizedType generic && generic.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            compare(where + "[]", resolved.path("items"), generic.getActualTypeArguments()[0], differences);
        }
        // maps, strings, numbers, times and ids: the name of the component is what the contract pins
    }

    /** The schema itself, or the one its {@code $ref} (possibly inside a nullable {@code anyOf}/{@code allOf}) names. */
    private JsonNode resolve(JsonNode schema) {
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return document.at(ref.substring(1));
        }
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            for (JsonNode part : schema.path(combinator)) {
                if (part.has("$ref") || part.has("properties") || part.has("items")) {
                    return resolve(part);
                }
            }
        }
        return schema;
    }
}
