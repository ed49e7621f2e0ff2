package com.nia.crmsync.model.mismatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.Side;

/**
 * The two sides disagree, and what was decided: published by the worker where it found the
 * disagreement, on {@code crm.sync.mismatches.v1}, and kept by {@code conflict-service} (pending
 * under {@code manual}, {@code auto_resolved} otherwise). Its envelope's event id is
 * {@code Ids.mismatchEventId(commandId, attempt, field)}, so a redelivery adds no second row.
 *
 * @param commandId          the command whose run found it
 * @param attempt            that command's attempt
 * @param type               the kind of disagreement
 * @param entity             the record
 * @param field              the Creatio column; absent for whole-record mismatches
 * @param baseValue          the last agreed value
 * @param niaValue           NIA's value
 * @param creatioValue       Creatio's value
 * @param niaChangedAt       NIA's {@code updated_at}
 * @param creatioChangedAt   Creatio's {@code ModifiedOn}
 * @param policy             the policy that applied
 * @param winner             the side whose value now stands on both; absent when left open
 * @param decidedValue       the value now on both sides; absent when left open
 * @param reason             why, in words (e.g. "newest_wins: Creatio changed 12 s later")
 * @param candidateCreatioIds {@code duplicate_match}: the Creatio records that match
 * @param detail             {@code validation_failed}: Creatio's sanitised message or the gate's reason
 * @param configVersion      the configuration version the decision was made with
 * @param dryRun             found by a dry run: flagged, stored by nobody
 * @param runId              the run it belongs to
 * @param detectedAt         when it was found
 * @param valueNames         for a lookup column: the display names of the ids among the values (id → the lookup
 *                           row's {@code Name}, null where it could not be resolved); absent for other columns
 * @param niaVersion         the NIA record's version the command was planned from (as on its result): a report
 *                           from a command planned from an older version than a conflict's cannot overtake that
 *                           conflict (a command run again after newer ones); absent from older workers
 */
public record Mismatch(
        UUID commandId,
        int attempt,
        MismatchType type,
        EntityKey entity,
        String field,
        Object baseValue,
        Object niaValue,
        Object creatioValue,
        Instant niaChangedAt,
        Instant creatioChangedAt,
        ConflictPolicy policy,
        Side winner,
        Object decidedValue,
        String reason,
        List<UUID> candidateCreatioIds,
        String detail,
        long configVersion,
        boolean dryRun,
        UUID runId,
        Instant detectedAt,
        Map<String, String> valueNames,
        Long niaVersion) {

    /** A mismatch without lookup names (the shape before {@code valueNames}). */
    public Mismatch(UUID commandId, int attempt, MismatchType type, EntityKey entity, String field, Object baseValue,
            Object niaValue, Object creatioValue, Instant niaChangedAt, Instant creatioChangedAt, ConflictPolicy policy,
            Side winner, Object decidedValue, String reason, List<UUID> candidateCreatioIds, String detail,
            long configVersion, boolean dryRun, UUID runId, Instant detectedAt) {
        this(commandId, attempt, type, entity, field, baseValue, niaValue, creatioValue, niaChangedAt, creatioChangedAt,
                policy, winner, decidedValue, reason, candidateCreatioIds, detail, configVersion, dryRun, runId, detectedAt,
                null, null);
    }

    /** A mismatch without the planned-from NIA version (the shape before {@code niaVersion}). */
    public Mismatch(UUID commandId, int attempt, MismatchType type, EntityKey entity, String field, Object baseValue,
            Object niaValue, Object creatioValue, Instant niaChangedAt, Instant creatioChangedAt, ConflictPolicy policy,
            Side winner, Object decidedValue, String reason, List<UUID> candidateCreatioIds, String detail,
            long configVersion, boolean dryRun, UUID runId, Instant detectedAt, Map<String, String> valueNames) {
        this(commandId, attempt, type, entity, field, baseValue, niaValue, creatioValue, niaChangedAt, creatioChangedAt,
                policy, winner, decidedValue, reason, candidateCreatioIds, detail, configVersion, dryRun, runId, detectedAt,
                valueNames, null);
    }

    /** This mismatch with the display names of the lookup ids among its values. */
    public Mismatch withValueNames(Map<String, String> names) {
        return new Mismatch(commandId, attempt, type, entity, field, baseValue, niaValue, creatioValue, niaChangedAt,
                creatioChangedAt, policy, winner, decidedValue, reason, candidateCreatioIds, detail, configVersion, dryRun,
                runId, detectedAt, names, niaVersion);
    }

    /** This mismatch with the NIA version its command was planned from. */
    public Mismatch withNiaVersion(Long version) {
        return new Mismatch(commandId, attempt, type, entity, field, baseValue, niaValue, creatioValue, niaChangedAt,
                creatioChangedAt, policy, winner, decidedValue, reason, candidateCreatioIds, detail, configVersion, dryRun,
                runId, detectedAt, valueNames, version);
    }

    /** Whether a person must decide (nothing was decided automatically). */
    public boolean leftOpen() {
        return winner == null;
    }
}
