package com.nia.crmsync.syncapi.pipeline;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.command.Lane;

/**
 * A request for an end-to-end pipeline check.
 *
 * @param count how many probes to send (1 to 10,000)
 * @param workMillis (JSON {@code work_millis}) how long a worker holds each probe, to exercise timeouts and rebalances (0 to 10,000 ms)
 * @param lane the command lane to probe; default real-time
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PipelineCheckRequest(
        @Min(1) @Max(10_000) int count,
        @Min(0) @Max(10_000) long workMillis,
        Lane lane) {
}
