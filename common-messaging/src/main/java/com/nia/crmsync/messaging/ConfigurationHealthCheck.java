package com.nia.crmsync.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports which configuration version this instance runs with (operators compare replicas with it).
 * It never takes the instance out of service: commands wait for their version themselves.
 */
@Readiness
@ApplicationScoped
public class ConfigurationHealthCheck implements HealthCheck {

    private final ConfigurationView view;

    public ConfigurationHealthCheck(ConfigurationView view) {
        this.view = view;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("crm-sync-configuration").up()
                .withData("version", view.version())
                .build();
    }
}
