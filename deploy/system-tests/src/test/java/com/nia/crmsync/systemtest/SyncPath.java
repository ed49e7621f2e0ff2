package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/**
 * What the sync system tests do over HTTP: NIA records through sync-api's public API, Creatio's
 * records through the gateway's internal API (as the worker sees them), Creatio users' edits and
 * faults through the simulator's control API.
 */
final class SyncPath {

    final Stack stack;
    final String syncApi;
    final String gateway;
    final String simulator;

    SyncPath(Stack stack) {
        this.stack = stack;
        this.syncApi = stack.service(ServiceKind.SYNC_API).baseUrl();
        this.gateway = stack.service(ServiceKind.CREATIO_GATEWAY).baseUrl();
        this.simulator = stack.service(ServiceKind.CREATIO_SIMULATOR).baseUrl();
    }

    // ---- NIA

    UUID createLead(Map<String, Object> fields) {
        return UUID.fromString(given().baseUri(syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Json.write(fields)).when().post("/api/v1/leads").then().statusCode(201).extract().path("id"));
    }

    UUID createContact(Map<String, Object> fields) {
        return UUID.fromString(given().baseUri(syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Json.write(fields)).when().post("/api/v1/contacts").then().statusCode(201).extract().path("id"));
    }

    JsonPath lead(UUID id) {
        return given().baseUri(syncApi).auth().oauth2(TestTokens.operator()).when().get("/api/v1/leads/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    JsonPath contact(UUID id) {
        return given().baseUri(syncApi).auth().oauth2(TestTokens.operator()).when().get("/api/v1/contacts/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    /** Replaces a lead's fields with the current ones changed by {@code changes}, with If-Match. */
    void editLead(UUID id, Map<String, Object> changes) {
        edit(syncApi, "/api/v1/leads/" + id, changes);
    }

    /** The same, through one particular sync-api instance. */
    void editLead(String api, UUID id, Map<String, Object> changes) {
        edit(api, "/api/v1/leads/" + id, changes);
    }

    void editContact(UUID id, Map<String, Object> changes) {
        edit(syncApi, "/api/v1/contacts/" + id, changes);
    }

    private void edit(String api, String path, Map<String, Object> changes) {
        Response current = given().baseUri(api).auth().oauth2(TestTokens.operator()).when().get(path);
        Map<String, Object> body = new java.util.LinkedHashMap<>(current.jsonPath().getMap("$"));
        for (String readOnly : List.of("id", "version", "created_at", "updated_at", "deleted", "deleted_at")) {
            body.remove(readOnly);
        }
        body.putAll(changes);
        given().baseUri(api).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .header("If-Match", current.header("ETag")).body(Json.write(body))
                .when().put(path).then().statusCode(200);
    }

    /** The record's sync state, once it has one. */
    Optional<JsonPath> syncState(EntityType type, UUID localId) {
        Response r = given().baseUri(syncApi).auth().oauth2(TestTokens.viewer()).when()
                .get("/api/v1/crm/sync/records/" + type.wire() + "/" + localId);
        return r.statusCode() == 200 ? Optional.of(r.jsonPath()) : Optional.empty();
    }

    JsonPath awaitStatus(EntityType type, UUID localId, String status, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> syncState(type, localId)
                .map(s -> status.equals(s.getString("status")) && s.get("pending_command_id") == null).orElse(false));
        return syncState(type, localId).orElseThrow();
    }

    /** The NIA leads (not deleted) with this email. */
    List<Map<String, Object>> leadsByEmail(String email) {
        return given().baseUri(syncApi).auth().oauth2(TestTokens.operator()).queryParam("email", email).queryParam("size", 100)
                .when().get("/api/v1/leads").then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The NIA contacts (not deleted) with this email. */
    List<Map<String, Object>> contactsByEmail(String email) {
        return given().baseUri(syncApi).auth().oauth2(TestTokens.operator()).queryParam("email", email).queryParam("size", 100)
                .when().get("/api/v1/contacts").then().statusCode(200).extract().jsonPath().getList("items");
    }

    // ---- the incremental pull

    /** Starts a pull cycle of the type now, from {@code since} (null: the watermark minus the overlap); its outcome. */
    String pull(EntityType type, java.time.Instant since) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("entity_types", List.of(type.wire()));
        if (since != null) {
            body.put("since", since.toString());
        }
        return given().baseUri(syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Json.write(body))
                .when().post("/api/v1/crm/sync/pull/").then().statusCode(202).extract().path("types[0].outcome");
    }

    /** The type's pull state ({@code GET /api/v1/crm/sync/pull/}). */
    Map<String, Object> pullState(EntityType type) {
        List<Map<String, Object>> types = given().baseUri(syncApi).auth().oauth2(TestTokens.viewer()).when()
                .get("/api/v1/crm/sync/pull/").then().statusCode(200).extract().jsonPath().getList("types");
        return types.stream().filter(t -> type.wire().equals(t.get("entity_type"))).findFirst().orElse(Map.of());
    }

    /** Starts a cycle (waiting out one in flight) and waits until it is over: every page applied; its state then. */
    Map<String, Object> pullCycle(EntityType type, java.time.Instant since, Duration timeout) {
        java.time.Instant asked = java.time.Instant.now();
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> "started".equals(pull(type, since)));
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
            Map<String, Object> state = pullState(type);
            return Boolean.FALSE.equals(state.get("in_flight")) && state.get("last_cycle_at") != null
                    && !java.time.Instant.parse(String.valueOf(state.get("last_cycle_at"))).isBefore(asked);
        });
        return pullState(type);
    }

    // ---- configuration

    /** Changes the configuration in force with {@code change} applied to its JSON, as an admin; the new version. */
    long changeConfiguration(java.util.function.Consumer<Map<String, Object>> change) {
        Response current = given().baseUri(syncApi).auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/config");
        Map<String, Object> configuration = current.jsonPath().getMap("configuration");
        change.accept(configuration);
        return given().baseUri(syncApi).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .header("If-Match", current.header("ETag")).body(Json.write(configuration))
                .when().put("/api/v1/crm/config").then().statusCode(200).extract().jsonPath().getLong("version");
    }

    // ---- Creatio, as the worker sees it (through the gateway)

    Optional<Map<String, Object>> creatio(String set, UUID id) {
        Response r = given().baseUri(gateway).auth().oauth2(TestTokens.service("sync-worker")).when()
                .get("/internal/v1/entities/" + set + "/" + id);
        return r.statusCode() == 200 ? Optional.of(r.jsonPath().getMap("$")) : Optional.empty();
    }

    Map<String, Object> awaitCreatio(String set, UUID id, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> creatio(set, id).isPresent());
        return creatio(set, id).orElseThrow();
    }

    static UUID creatioIdOf(EntityType type, UUID localId) {
        return Ids.creatioIdFor(type, localId);
    }

    /** Creatio records whose column equals the value (case-insensitive). */
    List<Map<String, Object>> find(String set, String column, String value) {
        return given().baseUri(gateway).auth().oauth2(TestTokens.service("sync-worker")).contentType(ContentType.JSON)
                .body(Map.of("column", column, "values", List.of(value))).when().post("/internal/v1/entities/" + set + "/find")
                .then().statusCode(200).extract().jsonPath().getList("matches.'" + value + "'");
    }

    // ---- Creatio's users and faults (the simulator's control API)

    /** A Creatio user creates a record; its id. */
    UUID userCreates(String set, Map<String, Object> columns) {
        return UUID.fromString(given().baseUri(simulator).contentType(ContentType.JSON).body(Json.write(columns))
                .when().post("/sim/act/" + set).then().statusCode(201).extract().path("Id"));
    }

    /** A Creatio user edits a record. */
    void userEdits(String set, UUID id, Map<String, Object> columns) {
        given().baseUri(simulator).contentType(ContentType.JSON).body(Json.write(columns))
                .when().patch("/sim/act/" + set + "/" + id).then().statusCode(200);
    }

    /** A Creatio user creates a record whose commit becomes visible only {@code commitDelayMs} after its {@code ModifiedOn}. */
    UUID userCreatesSlowly(String set, Map<String, Object> columns, long commitDelayMs) {
        return UUID.fromString(given().baseUri(simulator).contentType(ContentType.JSON).body(Json.write(columns))
                .queryParam("commitDelayMs", commitDelayMs).when().post("/sim/act/" + set).then().statusCode(201).extract().path("Id"));
    }

    /** Sets the simulator's clock (frozen: every write until the next change is stamped with exactly this time). */
    void setClock(java.time.Instant now, boolean frozen) {
        given().baseUri(simulator).contentType(ContentType.JSON).body(Json.write(Map.of("now", now.toString(), "frozen", frozen)))
                .when().put("/sim/clock").then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    /** The simulator's clock back to real time. */
    void realClock() {
        given().baseUri(simulator).when().delete("/sim/clock").then().statusCode(org.hamcrest.Matchers.lessThan(300));
    }

    String fault(Map<String, Object> rule) {
        return given().baseUri(simulator).contentType(ContentType.JSON).body(Json.write(rule)).when().post("/sim/faults")
                .then().statusCode(201).extract().path("id");
    }

    void clearFaults() {
        given().baseUri(simulator).when().delete("/sim/faults").then().statusCode(204);
    }

    /** The simulator's clock now (its request log is stamped with it). */
    java.time.Instant simulatorNow() {
        return java.time.Instant.parse(given().baseUri(simulator).when().get("/sim/clock").then().statusCode(200)
                .extract().path("now"));
    }

    /**
     * The simulator's requests at or after {@code since} (its clock), oldest first. By time, not by
     * position: the log is bounded and other tests' calls push old entries out.
     */
    List<Map<String, Object>> requestsSince(java.time.Instant since) {
        List<Map<String, Object>> all = given().baseUri(simulator).queryParam("limit", 5000).when().get("/sim/requests")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return all.stream().filter(r -> !java.time.Instant.parse(String.valueOf(r.get("at"))).isBefore(since)).toList();
    }
}
