package com.nia.crmsync.syncapi.records;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import com.nia.crmsync.model.command.BaseSnapshot;

/**
 * The sync state of one NIA record ({@code creatio_sync}): whether it agrees with Creatio, the
 * base both sides last agreed on, what is in flight, and when it is retried.
 */
@Entity
@Table(name = "creatio_sync")
public class CreatioSync {

    /** Taken in blocks of 50, the sequence's increment (migration V22), so a page's rows are inserted in JDBC batches. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "creatio_sync_id")
    @SequenceGenerator(name = "creatio_sync_id", sequenceName = "creatio_sync_id_seq", allocationSize = 50)
    public Long id;

    /** The entity type's wire name ({@code lead}, {@code contact}, ...). */
    @Column(name = "entity_type", nullable = false)
    public String entityType;

    @Column(name = "local_id", nullable = false)
    public UUID localId;

    /** The linked Creatio record; absent until created or linked. */
    @Column(name = "creatio_id")
    public UUID creatioId;

    /** A {@link SyncStatus} wire name. */
    @Column(nullable = false)
    public String status;

    /** The direction of the last run: {@code to_creatio}, {@code from_creatio}, {@code both}. */
    public String direction;

    /** The last failure, sanitised (no personal data). */
    @Column(name = "last_error")
    public String lastError;

    /** Transient failures since the last success. */
    @Column(name = "retry_count", nullable = false)
    public int retryCount;

    /** This record's retry limit; absent means the configuration's default. */
    @Column(name = "max_retries")
    public Integer maxRetries;

    /** Since when the record waits for what it points at (its owner, category, a linked record); absent when it does not. */
    @Column(name = "waiting_since")
    public Instant waitingSince;

    /** Since when the record has been pending or in progress (kept by a database trigger, never written here). */
    @Column(name = "pending_since", insertable = false, updatable = false)
    public Instant pendingSince;

    /** When a pending record's next attempt is due; absent when nothing waits. */
    @Column(name = "next_retry_at")
    public Instant nextRetryAt;

    @Column(name = "local_hash")
    public String localHash;

    @Column(name = "creatio_hash")
    public String creatioHash;

    /** The last values both sides agreed on (Creatio columns). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "base_snapshot")
    public BaseSnapshot baseSnapshot;

    /** Fields waiting for a person; the status is {@code conflict} while this is not empty. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "open_fields", nullable = false)
    public List<String> openFields = new ArrayList<>();

    @Column(name = "last_synced_at")
    public Instant lastSyncedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The NIA record version the newest command was planned from. */
    @Column(name = "local_version")
    public Long localVersion;

    /** The NIA record version Creatio last confirmed; results planned from older versions change nothing. */
    @Column(name = "synced_version")
    public Long syncedVersion;

    /** The newest command planned for this record (its result is the one that counts). */
    @Column(name = "pending_command_id")
    public UUID pendingCommandId;

    /** The operation of the newest command ({@code update}, {@code delete}, {@code restore}, ...): a retry plans the same. */
    @Column(name = "planned_operation")
    public String plannedOperation;

    /** The attempt of the newest command. */
    @Column(nullable = false)
    public int attempt;

    /** The lane of the newest command. */
    public String lane;

    /** The run of the newest command. */
    @Column(name = "run_id")
    public UUID runId;

    /** The outcome of the last result applied. */
    @Column(name = "last_outcome")
    public String lastOutcome;

    /** Creatio's {@code ModifiedOn} after the last result. */
    @Column(name = "creatio_modified_on")
    public Instant creatioModifiedOn;

    /** When the last attempt's command went to the dead-letter topic. */
    @Column(name = "dead_lettered_at")
    public Instant deadLetteredAt;

    /** The NIA snapshot (Creatio columns) the in-flight command carries. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "planned_snapshot")
    public Map<String, Object> plannedSnapshot;

    /** When the in-flight command was planned. */
    @Column(name = "planned_at")
    public Instant plannedAt;

    /** Who made the edit that planned the newest command, when known. */
    @Column(name = "requested_by")
    public String requestedBy;

    /** The next plan must use a new command id (after a budget refusal, or retry-failed). */
    @Column(name = "fresh_command", nullable = false)
    public boolean freshCommand;

    /** A plan was asked for while a command was in flight: plan again when its result arrives. */
    @Column(name = "replan_requested", nullable = false)
    public boolean replanRequested;

    /** The deferred plan was a forced one. */
    @Column(name = "replan_force", nullable = false)
    public boolean replanForce;

    /** The run the deferred plan belongs to. */
    @Column(name = "replan_run_id")
    public UUID replanRunId;

    /** The last reconciliation cycle whose id listing saw the linked Creatio record. */
    @Column(name = "seen_cycle")
    public UUID seenCycle;

    /** When the linked Creatio record was found deleted (reconciliation or update_vs_delete); null while it exists. */
    @Column(name = "creatio_deleted_at")
    public Instant creatioDeletedAt;

    /** The status as an enum. */
    public SyncStatus syncStatus() {
        return SyncStatus.fromWire(status);
    }

    /** Sets the status. */
    public void syncStatus(SyncStatus value) {
        status = value.wire();
    }
}
