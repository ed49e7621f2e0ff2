package com.nia.crmsync.conflict.entity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.ColumnTransformer;

import com.fasterxml.jackson.core.type.TypeReference;

import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.mismatch.MismatchType;

/**
 * One disagreement between NIA and Creatio about a record (and a field), as reported by the worker,
 * with the decision taken on it and that decision's way through the worker. Values are kept as the
 * JSON the mismatch carried ({@code jsonb}), so numbers keep their scale. {@code version} is the
 * optimistic lock: two decisions on one conflict cannot both commit.
 */
@Entity
@Table(name = "sync_conflict")
public class SyncConflict {

    @Id
    public UUID id;

    @Column(name = "conflict_type", nullable = false)
    public String conflictType;

    @Column(name = "entity_type", nullable = false)
    public String entityType;

    @Column(name = "local_id", nullable = false)
    public UUID localId;

    @Column(name = "creatio_id")
    public UUID creatioId;

    /** The Creatio column; null for whole-record conflicts. */
    public String field;

    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "base_value")
    public String baseValueJson;

    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "nia_value")
    public String niaValueJson;

    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "creatio_value")
    public String creatioValueJson;

    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "value_names")
    public String valueNamesJson;

    @Column(name = "nia_changed_at")
    public Instant niaChangedAt;

    /** The NIA version the reporting command was planned from; null from older workers. */
    @Column(name = "nia_version")
    public Long niaVersion;

    @Column(name = "creatio_changed_at")
    public Instant creatioChangedAt;

    @Column(name = "detected_at", nullable = false)
    public Instant detectedAt;

    @Column(nullable = false)
    public String status;

    public String policy;

    public String reason;

    public String detail;

    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "candidate_creatio_ids")
    public String candidateCreatioIdsJson;

    public String strategy;

    @ColumnTransformer(write = "?::jsonb")
    @Column(name = "chosen_value")
    public String chosenValueJson;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public String comment;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "command_id")
    public UUID commandId;

    @Column(name = "command_attempt")
    public Integer commandAttempt;

    @Column(name = "source_command_id")
    public UUID sourceCommandId;

    @Column(name = "reported_count", nullable = false)
    public int reportedCount = 1;

    @Column(name = "config_version", nullable = false)
    public long configVersion;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt = Instant.now();

    @Version
    public long version;

    public ConflictStatus status() {
        return ConflictStatus.fromWire(status);
    }

    public void status(ConflictStatus value) {
        status = value.wire();
        updatedAt = Instant.now();
    }

    public MismatchType type() {
        return MismatchType.fromWire(conflictType);
    }

    public EntityKey entityKey() {
        return new EntityKey(EntityType.fromWire(entityType), localId, creatioId);
    }

    public ResolutionStrategy strategy() {
        return strategy == null ? null : ResolutionStrategy.fromWire(strategy);
    }

    public Object baseValue() {
        return read(baseValueJson);
    }

    public Object niaValue() {
        return read(niaValueJson);
    }

    public Object creatioValue() {
        return read(creatioValueJson);
    }

    public Object chosenValue() {
        return read(chosenValueJson);
    }

    /** A lookup field's id → display name (null names where none was found); null for a field that is no lookup. */
    public Map<String, String> valueNames() {
        if (valueNamesJson == null) {
            return null;
        }
        return Json.mapper().convertValue(read(valueNamesJson), new TypeReference<Map<String, String>>() { });
    }

    public List<UUID> candidateCreatioIds() {
        if (candidateCreatioIdsJson == null) {
            return List.of();
        }
        return Json.mapper().convertValue(read(candidateCreatioIdsJson), new TypeReference<List<UUID>>() { });
    }

    /** A value as the column's JSON text; null stays SQL null. */
    public static String json(Object value) {
        return value == null ? null : Json.write(value);
    }

    private static Object read(String json) {
        return json == null ? null : Json.read(json, Object.class);
    }
}
