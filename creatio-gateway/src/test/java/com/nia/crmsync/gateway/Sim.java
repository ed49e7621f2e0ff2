package com.nia.crmsync.gateway;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.testkit.TestCreatioSimulator;

/**
 * Typed access to the simulator's {@code /sim} control API for the gateway's tests: counters per
 * group and status, peak calls in flight, the request log, fault rules and issued tokens.
 */
final class Sim {

    private final TestCreatioSimulator simulator;

    Sim(TestCreatioSimulator simulator) {
        this.simulator = simulator;
    }

    void reset() {
        simulator.reset();
    }

    /** Calls of a group ({@code identity}, {@code odata}, {@code metadata}, {@code batch}, {@code batch-item}) with a status. */
    long calls(String group, int status) {
        JsonObject byStatus = metrics().getJsonObject("calls", new JsonObject()).getJsonObject(group, new JsonObject());
        return byStatus.getLong(Integer.toString(status), 0L);
    }

    /** Calls of a group, any status. */
    long calls(String group) {
        JsonObject byStatus = metrics().getJsonObject("calls", new JsonObject()).getJsonObject(group, new JsonObject());
        return byStatus.fieldNames().stream().mapToLong(byStatus::getLong).sum();
    }

    /** Requests to a token endpoint ({@code /connect/token}, {@code /0/connect/token}) with a status; discovery is not one. */
    long tokenRequests(int status) {
        return requests().stream().filter(r -> r.getString("path").endsWith("/connect/token") && r.getInteger("status") == status).count();
    }

    long peakInFlight() {
        return metrics().getLong("peakInFlight", 0L);
    }

    JsonObject metrics() {
        return new JsonObject(simulator.get("/sim/metrics"));
    }

    /** The request log, oldest first. */
    List<JsonObject> requests() {
        JsonArray log = new JsonArray(simulator.get("/sim/requests?limit=2000"));
        List<JsonObject> entries = new ArrayList<>();
        log.forEach(e -> entries.add((JsonObject) e));
        return entries;
    }

    String fault(JsonObject rule) {
        return new JsonObject(simulator.send("POST", "/sim/faults", rule.encode())).getString("id");
    }

    void clearFaults() {
        simulator.send("DELETE", "/sim/faults", null);
    }

    void revokeAllTokens() {
        simulator.send("POST", "/sim/tokens/revoke", "{}");
    }

    void tokenLifetime(int seconds) {
        simulator.send("PUT", "/sim/tokens/lifetime?seconds=" + seconds, null);
    }

    /** Every access token the simulator issued since its last reset. */
    List<String> issuedTokens() {
        JsonArray tokens = new JsonArray(simulator.get("/sim/tokens"));
        List<String> values = new ArrayList<>();
        tokens.forEach(t -> values.add(((JsonObject) t).getString("accessToken")));
        return values;
    }

    String secret() {
        return simulator.clientSecret();
    }
}
