package com.nia.crmsync.model.command;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.validation.Violation;

/**
 * Bring one record into agreement: the planner ({@code sync-api}) says what it knows, the worker
 * merges it with Creatio's state and writes what changed. Everything the merge needs travels in
 * the command, so the worker keeps no state of its own.
 *
 * @param commandId          unique per command, kept across attempts
 * @param entity             the record (type, NIA id, Creatio id when linked); the Kafka key
 * @param operation          what to do
 * @param lane               realtime or bulk
 * @param niaSnapshot        NIA's current values, already mapped to Creatio columns (canonical scalars)
 * @param niaUpdatedAt       NIA's {@code updated_at}, the NIA side's change time for {@code newest_wins}
 * @param niaVersion         the NIA record's version the command was planned from; results carry it back
 *                           so that an older result never overwrites newer data
 * @param base               the last agreed values and hashes; absent before the first sync
 * @param creatioSnapshot    Creatio's state when the planner already has it; absent means "read it"
 * @param allocatedCreatioId the Creatio {@code Id} to create the record with, allocated before the first
 *                           attempt and the same on every retry; present for creates and upserts
 * @param configVersion      the configuration version it was planned with
 * @param dryRun             plan only: no write on either side
 * @param attempt            1 for the first attempt
 * @param runId              the run (sync_all, sync-lead, resync request, meeting) it belongs to, for progress
 * @param workMillis         {@code probe} only: how long the worker pretends to work
 * @param niaFields          NIA's current values by canonical NIA field (before mapping), so the worker can
 *                           bring a Creatio change of a composite column back without guessing
 * @param maxRetries         the record's retry limit: an attempt that fails transiently at
 *                           {@code attempt > maxRetries} is the last one (the worker dead-letters it)
 * @param pullPage           {@code pull_page} only: which page of Creatio changes to read
 * @param reconcile          {@code reconcile} only: which page of ids to read, or which ids to check
 * @param conflictId         the conflict this command carries out, when a person's decision planned it (a
 *                           {@code restore} for {@code restore_in_creatio}); its results name the conflict
 */
public record SyncCommand(
        UUID commandId,
        EntityKey entity,
        Operation operation,
        Lane lane,
        Map<String, Object> niaSnapshot,
        Instant niaUpdatedAt,
        Long niaVersion,
        BaseSnapshot base,
        CreatioSnapshot creatioSnapshot,
        UUID allocatedCreatioId,
        long configVersion,
        boolean dryRun,
        int attempt,
        UUID runId,
        Long workMillis,
        Map<String, Object> niaFields,
        Integer maxRetries,
        PullPage pullPage,
        ReconcilePage reconcile,
        UUID conflictId) implements Command {

    @Override
    @JsonProperty("kind")
    public String kind() {
        return SYNC;
    }

    @Override
    public List<Violation> validate() {
        List<Violation> violations = Command.super.validate();
        if (operation == null) {
            violations.add(Violation.missing("/payload/operation"));
        }
        return violations;
    }

    /** A probe of the pipeline: no Creatio call, answered by any worker. */
    public static SyncCommand probe(EntityKey entity, Lane lane, long configVersion, Long workMillis) {
        return builder(entity, Operation.PROBE, lane, configVersion).workMillis(workMillis).build();
    }

    /**
     * A builder for a new command (fresh command id, attempt 1). Planners should build commands
     * this way rather than by the canonical constructor, which grows with each additive field.
     */
    public static Builder builder(EntityKey entity, Operation operation, Lane lane, long configVersion) {
        Builder b = new Builder();
        b.entity = entity;
        b.operation = operation;
        b.lane = lane;
        b.configVersion = configVersion;
        return b;
    }

    /** Builds a {@link SyncCommand}; an empty NIA snapshot unless one is given. */
    public static final class Builder {
        private UUID commandId = UUID.randomUUID();
        private EntityKey entity;
        private Operation operation;
        private Lane lane;
        private Map<String, Object> niaSnapshot = Map.of();
        private Instant niaUpdatedAt;
        private Long niaVersion;
        private BaseSnapshot base;
        private CreatioSnapshot creatioSnapshot;
        private UUID allocatedCreatioId;
        private long configVersion;
        private boolean dryRun;
        private int attempt = 1;
        private UUID runId;
        private Long workMillis;
        private Map<String, Object> niaFields;
        private Integer maxRetries;
        private PullPage pullPage;
        private ReconcilePage reconcile;
        private UUID conflictId;

        private Builder() {
        }

        /** A given command id (e.g. derived from an outbox row, so a re-plan is the same command). */
        public Builder commandId(UUID value) {
            commandId = value;
            return this;
        }

        /** NIA's values in Creatio columns, its {@code updated_at} and its record version. */
        public Builder nia(Map<String, Object> snapshot, Instant updatedAt, Long version) {
            niaSnapshot = snapshot;
            niaUpdatedAt = updatedAt;
            niaVersion = version;
            return this;
        }

        /** NIA's values by canonical field, before mapping. */
        public Builder niaFields(Map<String, Object> value) {
            niaFields = value;
            return this;
        }

        /** The record's retry limit. */
        public Builder maxRetries(Integer value) {
            maxRetries = value;
            return this;
        }

        /** The attempt (a retry planned again from the record's state keeps its command id and counts up). */
        public Builder attempt(int value) {
            attempt = value;
            return this;
        }

        /** The lane. */
        public Builder lane(Lane value) {
            lane = value;
            return this;
        }

        /** The last agreed values and hashes. */
        public Builder base(BaseSnapshot value) {
            base = value;
            return this;
        }

        /** Creatio's state as the planner knows it. */
        public Builder creatioSnapshot(CreatioSnapshot value) {
            creatioSnapshot = value;
            return this;
        }

        /** The Creatio id to create with. */
        public Builder allocatedCreatioId(UUID value) {
            allocatedCreatioId = value;
            return this;
        }

        /** Plan only. */
        public Builder dryRun(boolean value) {
            dryRun = value;
            return this;
        }

        /** The run it belongs to. */
        public Builder runId(UUID value) {
            runId = value;
            return this;
        }

        /** {@code probe} only: simulated work. */
        public Builder workMillis(Long value) {
            workMillis = value;
            return this;
        }

        /** {@code pull_page} only: the page to read. */
        public Builder pullPage(PullPage value) {
            pullPage = value;
            return this;
        }

        /** {@code reconcile} only: the ids to read or check. */
        public Builder reconcile(ReconcilePage value) {
            reconcile = value;
            return this;
        }

        /** The conflict whose decision this command carries out. */
        public Builder conflictId(UUID value) {
            conflictId = value;
            return this;
        }

        /** The command. */
        public SyncCommand build() {
            return new SyncCommand(commandId, entity, operation, lane, niaSnapshot, niaUpdatedAt, niaVersion, base,
                    creatioSnapshot, allocatedCreatioId, configVersion, dryRun, attempt, runId, workMillis, niaFields,
                    maxRetries, pullPage, reconcile, conflictId);
        }
    }

    /** The same command, next attempt (a retry re-publishes it so; the command id stays). */
    public SyncCommand nextAttempt() {
        return new SyncCommand(commandId, entity, operation, lane, niaSnapshot, niaUpdatedAt, niaVersion, base,
                creatioSnapshot, allocatedCreatioId, configVersion, dryRun, attempt + 1, runId, workMillis, niaFields,
                maxRetries, pullPage, reconcile, conflictId);
    }

    /** Whether this attempt is the last one its record allows (no limit known: never). */
    public boolean lastAttempt() {
        return maxRetries != null && attempt > maxRetries;
    }
}
