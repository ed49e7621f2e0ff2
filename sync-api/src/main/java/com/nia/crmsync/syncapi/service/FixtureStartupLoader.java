package com.nia.crmsync.syncapi.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * Loads {@code sync-api.fixtures.load} at start-up, after the default configuration is stored (the
 * sync states of linked fixture records are computed with it). A missing or invalid file is logged
 * and the service starts anyway: demo data is never a reason to be down.
 */
@ApplicationScoped
public class FixtureStartupLoader {

    private final FixturesConfig config;
    private final FixtureService fixtures;

    public FixtureStartupLoader(FixturesConfig config, FixtureService fixtures) {
        this.config = config;
        this.fixtures = fixtures;
    }

    // after ConfigurationService.seedDefault (default priority)
    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
        if (config.load().isEmpty() || config.load().get().isBlank()) {
            return;
        }
        Path file = Path.of(config.load().get());
        try {
            FixtureService.Report report = fixtures.load(Files.readString(file, StandardCharsets.UTF_8));
            Log.infof("Loaded fixtures %s: %s", file, report);
        } catch (IOException e) {
            Log.errorf("Fixtures %s not loaded: %s", file, e.toString());
        } catch (ProblemException e) {
            Log.errorf("Fixtures %s not loaded: %s %s", file, e.getMessage(), e.toProblem(null).errors());
        }
    }
}
