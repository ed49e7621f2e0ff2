package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;

/**
 * What a Creatio administrator sees: the simulator's OData API read directly with the stack's
 * Creatio client (its own token from {@code /connect/token}), not through the gateway, so the
 * gateway's budget and caches stay out of the assertions. Reads only: they count in the simulator's
 * quota and request log as reads, never as writes. Lookup filters use navigation paths
 * ({@code Lead/Id eq …}): a scalar lookup filter answers 500, as in Creatio.
 */
final class CreatioOData {

    static final String ROOT = "/0/odata";
    static final UUID EMPTY = new UUID(0, 0);

    private final String simulator;
    private final String clientSecret;
    private String token;
    private Instant tokenAt = Instant.EPOCH;

    CreatioOData(Stack stack) {
        this.simulator = stack.service(ServiceKind.CREATIO_SIMULATOR).baseUrl();
        this.clientSecret = stack.secret("creatio.client-secret");
    }

    private synchronized String token(boolean renew) {
        if (renew || token == null || Duration.between(tokenAt, Instant.now()).toMinutes() > 30) {
            token = given().baseUri(simulator).contentType(ContentType.URLENC)
                    .formParams(Map.of("grant_type", "client_credentials", "client_id", Stack.CREATIO_CLIENT_ID,
                            "client_secret", clientSecret))
                    .when().post("/connect/token").then().statusCode(200).extract().path("access_token");
            tokenAt = Instant.now();
        }
        return token;
    }

    private Response get(String path, Map<String, String> query) {
        Response r = request(false, query).get(ROOT + "/" + path);
        if (r.statusCode() == 401) {
            r = request(true, query).get(ROOT + "/" + path);
        }
        return r;
    }

    private RequestSpecification request(boolean renew, Map<String, String> query) {
        RequestSpecification spec = given().baseUri(simulator).header("Authorization", "Bearer " + token(renew))
                .accept("application/json").urlEncodingEnabled(true);
        query.forEach(spec::queryParam);
        return spec;
    }

    /** The rows of a set matching an OData filter (null: all), with the selected columns (null: all). */
    List<Map<String, Object>> rows(String set, String filter, String select) {
        Map<String, String> query = new java.util.LinkedHashMap<>();
        if (filter != null) {
            query.put("$filter", filter);
        }
        if (select != null) {
            query.put("$select", select);
        }
        query.put("$orderby", "CreatedOn,Id");
        Response r = get(set, query);
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + set + " ?$filter=" + filter + " answered " + r.statusCode() + ": " + r.asString());
        }
        return r.jsonPath().getList("value");
    }

    /** One row by Id, if Creatio has it. */
    Optional<Map<String, Object>> row(String set, UUID id) {
        Response r = get(set + "(" + id + ")", Map.of());
        if (r.statusCode() == 404) {
            return Optional.empty();
        }
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + set + "(" + id + ") answered " + r.statusCode() + ": " + r.asString());
        }
        return Optional.of(r.jsonPath().getMap("$"));
    }

    boolean exists(String set, UUID id) {
        return row(set, id).isPresent();
    }

    /** The Id of a lookup row by its Name (e.g. {@code ActivityCategory} "Meeting"), as an integration resolves it. */
    UUID lookup(String set, String name) {
        List<Map<String, Object>> found = rows(set, "Name eq '" + name.replace("'", "''") + "'", "Id,Name");
        if (found.size() != 1) {
            throw new AssertionError(set + " has " + found.size() + " rows named " + name);
        }
        return UUID.fromString(String.valueOf(found.get(0).get("Id")));
    }

    /** A lookup column's value as an id; null for Creatio's empty GUID. */
    static UUID id(Map<String, Object> row, String column) {
        Object v = row.get(column);
        if (v == null || String.valueOf(v).isBlank()) {
            return null;
        }
        UUID id = UUID.fromString(String.valueOf(v));
        return EMPTY.equals(id) ? null : id;
    }
}
