package com.nia.crmsync.worker.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@value WorkerReadiness#NAME}: DOWN, naming the reason (never a secret), while this
 * worker cannot work because its credentials, the identity provider or the gateway fail; data
 * {@code taking_work} says whether its command consumers are in their group.
 */
@Readiness
@ApplicationScoped
public class DependenciesHealthCheck implements HealthCheck {

    private final WorkerReadiness readiness;

    public DependenciesHealthCheck(WorkerReadiness readiness) {
        this.readiness = readiness;
    }

    @Override
    public HealthCheckResponse call() {
        return readiness.check();
    }
}
