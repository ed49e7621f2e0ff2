package com.nia.crmsync.syncapi.pipeline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.messaging.outbox.Outbox;

/**
 * End-to-end pipeline checks: probes go out through the outbox onto a command topic, a worker
 * answers each on the results topic without calling Creatio, and the answers are applied here
 * once. It tells an operator that sync-api, Kafka and the workers are connected, and it is the
 * smoke path of the system tests.
 */
@ApplicationScoped
public class PipelineCheckService {

    private final PipelineProbeRepository probes;
    private final Outbox outbox;

    public PipelineCheckService(PipelineProbeRepository probes, Outbox outbox) {
        this.probes = probes;
        this.outbox = outbox;
    }

    /** Records the probes and queues their commands in one transaction. */
    @Transactional
    public UUID start(PipelineCheckRequest request) {
        UUID runId = UUID.randomUUID();
        Lane lane = Objects.requireNonNullElse(request.lane(), Lane.REALTIME);
        Instant now = Instant.now();
        for (int i = 0; i < request.count(); i++) {
            PipelineProbe probe = new PipelineProbe();
            probe.id = UUID.randomUUID();
            probe.runId = runId;
            probe.lane = lane.wire();
            probe.sentAt = now;
            probes.persist(probe);
            // probes carry no entity: the key is the probe's own id, so they spread over every partition
            SyncCommand command = SyncCommand.probe(EntityKey.local(EntityType.LEAD, probe.id), lane, 0, request.workMillis());
            outbox.enqueue(lane.topic(), Envelope.command(command, runId));
        }
        return runId;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void probeReturned(SyncResult result) {
        PipelineProbe probe = probes.findById(result.entity().localId());
        if (probe == null) {
            return;
        }
        probe.applied++;
        if (probe.returnedAt == null) {
            probe.returnedAt = Instant.now();
            probe.handledBy = result.handledBy();
        }
    }

    @Transactional
    public PipelineCheck check(UUID runId) {
        List<PipelineProbe> run = probes.ofRun(runId);
        if (run.isEmpty()) {
            return null;
        }
        int returned = (int) run.stream().filter(p -> p.returnedAt != null).count();
        int duplicates = (int) run.stream().filter(p -> p.applied > 1).count();
        List<String> handledBy = run.stream().map(p -> p.handledBy).filter(Objects::nonNull).distinct().sorted().toList();
        return new PipelineCheck(runId, run.size(), returned, run.size() - returned, duplicates, handledBy);
    }
}
