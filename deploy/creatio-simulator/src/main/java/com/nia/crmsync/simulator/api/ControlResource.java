package com.nia.crmsync.simulator.api;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.simulator.auth.ClientRegistry;
import com.nia.crmsync.simulator.auth.TokenService;
import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.odata.CreatioTime;
import com.nia.crmsync.simulator.odata.EntityJson;
import com.nia.crmsync.simulator.odata.EntityType;
import com.nia.crmsync.simulator.odata.ODataResponse;
import com.nia.crmsync.simulator.odata.Values;
import com.nia.crmsync.simulator.service.CallMetrics;
import com.nia.crmsync.simulator.service.ControlService;
import com.nia.crmsync.simulator.service.FaultRule;
import com.nia.crmsync.simulator.service.FaultService;
import com.nia.crmsync.simulator.service.QuirkSettings;
import com.nia.crmsync.simulator.service.SeedService;
import com.nia.crmsync.simulator.service.SimClock;
import com.nia.crmsync.simulator.store.Entity;

/**
 * The {@code /sim} control API for tests, demos and benchmarks: reset, seed, act as a Creatio
 * user, the clock, quirks, fault rules, counters, the request log, the quota, issued tokens and
 * client permissions. Unauthenticated by design: the simulator is a local test tool. The README
 * lists every endpoint with its body.
 */
@Path("/sim")
@Produces(MediaType.APPLICATION_JSON)
public class ControlResource {

    /** Body of {@code PUT /sim/clock}. */
    public record ClockSetting(Instant now, Boolean frozen) {
    }

    /** Body of {@code POST /sim/tokens/revoke}. */
    public record Revocation(String jti, String clientId) {
    }

    private final ControlService control;
    private final SimClock clock;
    private final QuirkSettings quirks;
    private final FaultService faults;
    private final CallMetrics metrics;
    private final TokenService tokens;
    private final ClientRegistry clients;
    private final SimulatorConfig config;

    public ControlResource(ControlService control, SimClock clock, QuirkSettings quirks, FaultService faults,
            CallMetrics metrics, TokenService tokens, ClientRegistry clients, SimulatorConfig config) {
        this.control = control;
        this.clock = clock;
        this.quirks = quirks;
        this.faults = faults;
        this.metrics = metrics;
        this.tokens = tokens;
        this.clients = clients;
        this.config = config;
    }

    @POST
    @Path("reset")
    public Response reset() {
        control.reset();
        return Response.noContent().build();
    }

    @POST
    @Path("seed")
    public SeedService.SeedResult seed(SeedService.SeedRequest request) {
        return control.seed(request);
    }

    @GET
    @Path("stats")
    public Map<String, Object> stats(@QueryParam("gc") @DefaultValue("false") boolean gc) {
        return control.stats(gc);
    }

    @POST
    @Path("act/{set}")
    public Response actCreate(@PathParam("set") String set, @QueryParam("commitDelayMs") @DefaultValue("0") long delay,
            JsonNode body, @Context UriInfo uri) {
        Entity row = control.actCreate(set, body, delay);
        return entity(201, set, row, uri);
    }

    @PATCH
    @Path("act/{set}/{id}")
    public Response actUpdate(@PathParam("set") String set, @PathParam("id") String id,
            @QueryParam("commitDelayMs") @DefaultValue("0") long delay, JsonNode body, @Context UriInfo uri) {
        Entity row = control.actUpdate(set, guid(id), body, delay);
        return entity(200, set, row, uri);
    }

    @DELETE
    @Path("act/{set}/{id}")
    public Response actDelete(@PathParam("set") String set, @PathParam("id") String id,
            @QueryParam("commitDelayMs") @DefaultValue("0") long delay) {
        control.actDelete(set, guid(id), delay);
        return Response.noContent().build();
    }

    @GET
    @Path("clock")
    public Map<String, Object> clock() {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("now", CreatioTime.format(clock.now()));
        state.put("frozen", clock.frozen());
        return state;
    }

    @PUT
    @Path("clock")
    public Map<String, Object> setClock(ClockSetting setting) {
        if (setting == null || setting.now() == null) {
            throw new IllegalArgumentException("'now' is required");
        }
        clock.set(setting.now(), Boolean.TRUE.equals(setting.frozen()));
        return clock();
    }

    @POST
    @Path("clock/advance")
    public Map<String, Object> advance(@QueryParam("seconds") @DefaultValue("0") long seconds,
            @QueryParam("millis") @DefaultValue("0") long millis) {
        clock.advance(Duration.ofSeconds(seconds).plusMillis(millis));
        return clock();
    }

    @DELETE
    @Path("clock")
    public Map<String, Object> realTime() {
        clock.reset();
        return clock();
    }

    @GET
    @Path("quirks")
    public QuirkSettings.Snapshot quirks() {
        return quirks.current();
    }

    @PUT
    @Path("quirks")
    public QuirkSettings.Snapshot setQuirks(QuirkSettings.Snapshot change) {
        return quirks.update(change);
    }

    @GET
    @Path("faults")
    public List<FaultRule> faults() {
        return faults.rules();
    }

    @POST
    @Path("faults")
    public Response addFault(FaultRule rule) {
        if (rule == null) {
            throw new IllegalArgumentException("a fault rule body is required");
        }
        return Response.status(201).entity(faults.add(rule)).build();
    }

    @DELETE
    @Path("faults")
    public Response clearFaults() {
        faults.clear();
        return Response.noContent().build();
    }

    @DELETE
    @Path("faults/{id}")
    public Response removeFault(@PathParam("id") String id) {
        return faults.remove(id) ? Response.noContent().build() : Response.status(404).build();
    }

    @GET
    @Path("metrics")
    public Map<String, Object> metrics() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        snapshot.put("calls", metrics.calls());
        snapshot.put("inFlight", metrics.inFlight());
        snapshot.put("peakInFlight", metrics.peakInFlight());
        snapshot.put("quota", metrics.quota());
        return snapshot;
    }

    @DELETE
    @Path("metrics")
    public Response clearMetrics() {
        metrics.clearCounters();
        return Response.noContent().build();
    }

    @GET
    @Path("requests")
    public List<CallMetrics.LoggedRequest> requests(@QueryParam("limit") @DefaultValue("100") int limit) {
        return metrics.recent(limit);
    }

    @GET
    @Path("quota")
    public CallMetrics.Quota quota() {
        return metrics.quota();
    }

    @PUT
    @Path("quota")
    public CallMetrics.Quota setQuota(CallMetrics.Quota change) {
        return metrics.updateQuota(change);
    }

    @GET
    @Path("tokens")
    public List<Map<String, Object>> tokens() {
        return tokens.issued().stream().map(token -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("jti", token.jti());
            item.put("clientId", token.clientId());
            item.put("issuedAt", token.issuedAt());
            item.put("expiresAt", token.expiresAt());
            item.put("revoked", token.revoked());
            item.put("accessToken", token.accessToken());
            return item;
        }).collect(Collectors.toList());
    }

    @POST
    @Path("tokens/revoke")
    public Map<String, Integer> revoke(Revocation revocation) {
        int count = tokens.revoke(revocation == null ? null : revocation.jti(),
                revocation == null ? null : revocation.clientId());
        return Map.of("revoked", count);
    }

    @PUT
    @Path("tokens/lifetime")
    public Map<String, Integer> lifetime(@QueryParam("seconds") int seconds) {
        if (seconds <= 0) {
            throw new IllegalArgumentException("'seconds' must be positive");
        }
        tokens.setLifetimeSeconds(seconds);
        return Map.of("seconds", seconds);
    }

    @PUT
    @Path("clients/{clientId}/odata-access")
    public Map<String, Object> odataAccess(@PathParam("clientId") String clientId,
            @QueryParam("enabled") @DefaultValue("true") boolean enabled) {
        clients.setODataAccess(clientId, enabled);
        return Map.of("clientId", clientId, "odataAccess", enabled);
    }

    private Response entity(int status, String set, Entity row, UriInfo uri) {
        EntityType type = control.type(set);
        String base = uri.getBaseUri().toString();
        String root = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + config.odata().root();
        byte[] body = EntityJson.single(root + "/$metadata#" + set + "/$entity", type, row,
                new EntityJson.Shape(null, List.of(), false, (s, id) -> null));
        return Response.status(status).header("Content-Type", ODataResponse.JSON).entity(body).build();
    }

    private static UUID guid(String text) {
        UUID id = Values.parseGuid(text);
        if (id == null) {
            throw new IllegalArgumentException("'" + text + "' is not a GUID");
        }
        return id;
    }
}
