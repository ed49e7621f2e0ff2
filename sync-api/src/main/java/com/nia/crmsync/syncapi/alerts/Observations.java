package com.nia.crmsync.syncapi.alerts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nia.crmsync.model.gateway.GatewayStatus;

/**
 * What one evaluation saw: the gateway's status (null when the gateway did not answer, with {@code gatewayFailure}
 * saying why), and sync-api's own counts — records dead-lettered within the window, records waiting for a person's
 * decision, runs that failed within the window.
 */
public record Observations(Instant now, GatewayStatus gateway, String gatewayFailure, long deadLettered, long conflicts,
        List<FailedRun> failedRuns) {

    /** A run that failed. */
    public record FailedRun(UUID id, String kind, Instant finishedAt, String error) {
    }

    /** The gateway's view of Creatio, or null when the gateway did not answer. */
    GatewayStatus.CreatioLink creatio() {
        return gateway == null ? null : gateway.creatio();
    }
}
