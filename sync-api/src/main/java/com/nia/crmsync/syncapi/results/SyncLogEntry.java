package com.nia.crmsync.syncapi.results;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One line of the sync log ({@code sync_log}); personal data is redacted before it is written. A
 * line is never changed once written ({@link Immutable}): Hibernate does not dirty-check it, so a
 * flush never writes it again (its JSON summary compared unequal to its own snapshot, and every
 * flush of a transaction that applied many results updated every line it had written).
 */
@Entity
@Immutable
@Table(name = "sync_log")
public class SyncLogEntry {

    /** Taken in blocks of 50, the sequence's increment (migration V22), so a page's rows are inserted in JDBC batches. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "sync_log_id")
    @SequenceGenerator(name = "sync_log_id", sequenceName = "sync_log_id_seq", allocationSize = 50)
    public Long id;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    /** e.g. {@code create}, {@code update}, {@code link}, {@code sync_all}, {@code retry_failed}. */
    @Column(nullable = false)
    public String operation;

    /** {@code info}, {@code warning}, {@code error}. */
    @Column(nullable = false)
    public String level;

    @Column(name = "entity_type")
    public String entityType;

    @Column(name = "local_id")
    public UUID localId;

    @Column(name = "correlation_id")
    public String correlationId;

    @Column(name = "user_name")
    public String userName;

    @Column(name = "duration_ms")
    public Long durationMs;

    /** The sanitised request/response summary (calls, changed field names, failure). */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> summary;

    @Column(name = "run_id")
    public UUID runId;

    @Column(name = "command_id")
    public UUID commandId;

    public String outcome;
}
