package com.nia.crmsync.simulator.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import com.nia.crmsync.simulator.config.SimulatorConfig;

/**
 * Loads the baseline at start-up and, with {@code simulator.seed.on-start=true}, the demo data in
 * the background; {@code /q/health/ready} stays DOWN until the data is there, so a launcher that
 * waits for readiness never sees a half-seeded Creatio.
 */
@ApplicationScoped
@Readiness
public class StartupSeeder implements HealthCheck {

    private final ControlService control;
    private final SeedService seeds;
    private final SimulatorConfig.Seed seed;
    private volatile boolean ready;

    public StartupSeeder(ControlService control, SeedService seeds, SimulatorConfig config) {
        this.control = control;
        this.seeds = seeds;
        this.seed = config.seed();
    }

    void onStart(@Observes StartupEvent event) {
        seeds.baseline();
        if (!seed.onStart()) {
            ready = true;
            return;
        }
        Thread seeding = new Thread(() -> {
            try {
                control.seed(null);
            } catch (RuntimeException e) {
                Log.error("Start-up seeding failed", e);
            } finally {
                ready = true;
            }
        }, "sim-startup-seed");
        seeding.setDaemon(true);
        seeding.start();
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("creatio-simulator-data").status(ready).build();
    }
}
