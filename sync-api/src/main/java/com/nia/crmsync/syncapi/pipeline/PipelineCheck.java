package com.nia.crmsync.syncapi.pipeline;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The state of a pipeline check: how many probes were sent, returned, and by which worker instances. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PipelineCheck(UUID runId, int sent, int returned, int pending, int appliedMoreThanOnce, List<String> handledBy) {
}
