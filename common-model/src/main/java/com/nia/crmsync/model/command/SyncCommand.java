package com.nia.crmsync.model.command;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.nia.crmsync.model.entity.EntityKey;

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
        Long workMillis) implements Command {

    @Override
    @JsonProperty("kind")
    public String kind() {
        return SYNC;
    }

    /** A probe of the pipeline: no Creatio call, answered by any worker. */
    public static SyncCommand probe(EntityKey entity, Lane lane, long configVersion, Long workMillis) {
        return new SyncCommand(UUID.randomUUID(), entity, Operation.PROBE, lane, Map.of(), null, null, null, null,
                null, configVersion, false, 1, null, workMillis);
    }

    /** The same command, next attempt (a retry re-publishes it so; the command id stays). */
    public SyncCommand nextAttempt() {
        return new SyncCommand(commandId, entity, operation, lane, niaSnapshot, niaUpdatedAt, niaVersion, base,
                creatioSnapshot, allocatedCreatioId, configVersion, dryRun, attempt + 1, runId, workMillis);
    }
}
