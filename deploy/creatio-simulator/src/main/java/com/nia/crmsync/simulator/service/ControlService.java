package com.nia.crmsync.simulator.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;

import com.nia.crmsync.simulator.auth.ClientRegistry;
import com.nia.crmsync.simulator.auth.TokenService;
import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.odata.CreatioIds;
import com.nia.crmsync.simulator.odata.EntityModel;
import com.nia.crmsync.simulator.odata.EntityType;
import com.nia.crmsync.simulator.odata.ODataException;
import com.nia.crmsync.simulator.store.Entity;

/**
 * The use cases of the {@code /sim} control API that span several parts of the simulator: reset
 * everything, seed, act as a human Creatio user, and report sizes and heap.
 */
@ApplicationScoped
public class ControlService {

    private final SeedService seeds;
    private final WriteService writes;
    private final EntityModel model;
    private final FaultService faults;
    private final QuirkSettings quirks;
    private final CallMetrics metrics;
    private final SimClock clock;
    private final TokenService tokens;
    private final ClientRegistry clients;
    private final SimulatorConfig.Seed seedDefaults;

    public ControlService(SeedService seeds, WriteService writes, EntityModel model, FaultService faults,
            QuirkSettings quirks, CallMetrics metrics, SimClock clock, TokenService tokens, ClientRegistry clients,
            SimulatorConfig config) {
        this.seeds = seeds;
        this.writes = writes;
        this.model = model;
        this.faults = faults;
        this.quirks = quirks;
        this.metrics = metrics;
        this.clock = clock;
        this.tokens = tokens;
        this.clients = clients;
        this.seedDefaults = config.seed();
    }

    /** Back to a fresh Creatio: baseline data only, no faults, configured quirks, real time, zeroed counters. */
    public void reset() {
        faults.clear();
        quirks.reset();
        clock.reset();
        tokens.reset();
        clients.reset();
        seeds.baseline();
        metrics.reset();
        Log.info("Simulator reset");
    }

    /** Seeds demo data; absent fields take the configured defaults. */
    public SeedService.SeedResult seed(SeedService.SeedRequest request) {
        SeedService.SeedRequest filled = new SeedService.SeedRequest(
                request == null || request.leads() == null ? seedDefaults.leads() : request.leads(),
                request == null || request.contacts() == null ? seedDefaults.contacts() : request.contacts(),
                request == null || request.accounts() == null ? seedDefaults.accounts() : request.accounts(),
                request == null || request.activities() == null ? seedDefaults.activities() : request.activities(),
                request == null || request.seed() == null ? seedDefaults.value() : request.seed(),
                request == null ? null : request.from(),
                request == null ? null : request.spanDays());
        return seeds.seed(filled);
    }

    /** Creates a row as the human "Supervisor" user would in Creatio's UI; visible after {@code commitDelayMs}. */
    public Entity actCreate(String set, JsonNode body, long commitDelayMs) {
        EntityType type = type(set);
        return commitDelayMs > 0 ? writes.createLater(type, body, CreatioIds.SUPERVISOR_CONTACT, commitDelayMs)
                : writes.create(type, body, CreatioIds.SUPERVISOR_CONTACT);
    }

    public Entity actUpdate(String set, UUID id, JsonNode body, long commitDelayMs) {
        EntityType type = type(set);
        return commitDelayMs > 0 ? writes.updateLater(type, id, body, CreatioIds.SUPERVISOR_CONTACT, commitDelayMs)
                : writes.update(type, id, body, CreatioIds.SUPERVISOR_CONTACT);
    }

    public void actDelete(String set, UUID id, long commitDelayMs) {
        EntityType type = type(set);
        if (commitDelayMs > 0) {
            writes.deleteLater(type, id, commitDelayMs);
        } else {
            writes.delete(type, id);
        }
    }

    public EntityType type(String set) {
        EntityType type = model.type(set);
        if (type == null) {
            throw ODataException.notFound("No entity set named '" + set + "'.");
        }
        return type;
    }

    /** Rows per entity set and heap figures; {@code gc} first asks the JVM to collect, for capacity measurements. */
    public Map<String, Object> stats(boolean gc) {
        if (gc) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("rows", seeds.counts());
        stats.put("heapUsedBytes", runtime.totalMemory() - runtime.freeMemory());
        stats.put("heapCommittedBytes", runtime.totalMemory());
        stats.put("heapMaxBytes", runtime.maxMemory());
        return stats;
    }
}
