package com.nia.crmsync.syncapi.deadletters;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A dead letter that was replayed: which one, where it went, by whom and when (table {@code dead_letter_replay}). */
@Entity
@Table(name = "dead_letter_replay")
public class DeadLetterReplay {

    /** The dead letter's id, {@code <partition>:<offset>} on {@code crm.sync.dlq.v1}. */
    @Id
    @Column(name = "dead_letter_id")
    public String deadLetterId;

    @Column(name = "origin_topic", nullable = false)
    public String originTopic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    /** The {@code crm-sync-replay-attempt} the replayed record carried. */
    @Column(name = "replay_attempt", nullable = false)
    public int replayAttempt;

    @Column(name = "replayed_by", nullable = false)
    public String replayedBy;

    @Column(name = "replayed_at", nullable = false)
    public Instant replayedAt;

    @Column(name = "correlation_id")
    public String correlationId;
}
