package com.nia.crmsync.gateway.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.HealthGroup;

import com.nia.crmsync.gateway.auth.CreatioTokens;
import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.gateway.service.ConnectionService;

/**
 * Creatio's reachability and our authorisation, in the health group {@code creatio}
 * ({@code /q/health/group/creatio}) and never in readiness: a Creatio outage must not take the
 * gateway out of service, since it still answers status, budget and problem+json. Built from
 * what the gateway already knows (the last token request, the breakers), so a health probe
 * never spends a Creatio call.
 */
@HealthGroup("creatio")
@ApplicationScoped
public class CreatioHealthCheck implements HealthCheck {

    private final CreatioTokens tokens;
    private final ConnectionService connection;

    public CreatioHealthCheck(CreatioTokens tokens, ConnectionService connection) {
        this.tokens = tokens;
        this.connection = connection;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Creatio reachability and authorisation");
        boolean up = true;
        var last = tokens.lastResult();
        if (last.isPresent()) {
            response.withData("lastAuth", last.get().code()).withData("lastAuthAt", last.get().at().toString());
            up = last.get().ok();
        } else {
            response.withData("lastAuth", "none yet");
        }
        for (String breaker : CreatioClient.BREAKERS) {
            String state = connection.breakerState(breaker);
            response.withData(breaker, state);
            up &= !"open".equals(state);
        }
        return response.status(up).build();
    }
}
