package com.nia.crmsync.syncapi.pipeline;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Pipeline probes. */
@ApplicationScoped
public class PipelineProbeRepository implements PanacheRepositoryBase<PipelineProbe, UUID> {

    public List<PipelineProbe> ofRun(UUID runId) {
        return list("runId", runId);
    }
}
