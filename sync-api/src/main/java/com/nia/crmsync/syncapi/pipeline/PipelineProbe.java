package com.nia.crmsync.syncapi.pipeline;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One probe of an end-to-end pipeline check: sent through a command topic, answered by a worker. */
@Entity
@Table(name = "pipeline_probe")
public class PipelineProbe {

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(nullable = false)
    public String lane;

    @Column(name = "sent_at", nullable = false)
    public Instant sentAt;

    @Column(name = "returned_at")
    public Instant returnedAt;

    @Column(name = "handled_by")
    public String handledBy;

    /** How many results were applied for this probe: exactly 1 once it returned, whatever Kafka redelivered. */
    @Column(nullable = false)
    public int applied;
}
