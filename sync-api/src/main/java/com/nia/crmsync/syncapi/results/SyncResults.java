package com.nia.crmsync.syncapi.results;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.deletes.Deletions;
import com.nia.crmsync.syncapi.planning.Backoff;
import com.nia.crmsync.syncapi.planning.DryRunPlans;
import com.nia.crmsync.syncapi.planning.SyncConfig;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.planning.SyncRun;
import com.nia.crmsync.syncapi.planning.SyncRunRepository;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.records.NiaRecord;
import com.nia.crmsync.syncapi.records.RecordAccess;
import com.nia.crmsync.syncapi.records.RecordAccesses;
import com.nia.crmsync.syncapi.records.SyncStatus;

/**
 * Applies the result of a sync command to the record's sync state, the NIA record (pulled values),
 * its run and the sync log, in the caller's transaction (the result consumer's, which also records
 * the result as processed). Version checks make a stale or duplicate result harmless: only the
 * result of the record's in-flight command and attempt counts, and never one planned from an NIA
 * version older than the one Creatio already confirmed.
 */
@ApplicationScoped
public class SyncResults {

    private static final Set<String> CODE_FIELDS = Set.of("status", "meeting_type", "timeline");
    /** The pseudo-column of whole-record conflicts (duplicate_match, update_vs_delete). */
    private static final String ID = "Id";

    private final CreatioSyncRepository syncs;
    private final RecordAccesses records;
    private final ConfigurationService configuration;
    private final SyncPlanner planner;
    private final SyncRunRepository runs;
    private final SyncLogWriter logWriter;
    private final SyncConfig config;
    private final DryRunPlans plans;
    private final Deletions deletions;
    private final SyncMetrics metrics;

    public SyncResults(CreatioSyncRepository syncs, RecordAccesses records, ConfigurationService configuration,
            SyncPlanner planner, SyncRunRepository runs, SyncLogWriter logWriter, SyncConfig config, DryRunPlans plans,
            Deletions deletions, SyncMetrics metrics) {
        this.metrics = metrics;
        this.plans = plans;
        this.deletions = deletions;
        this.syncs = syncs;
        this.records = records;
        this.configuration = configuration;
        this.planner = planner;
        this.runs = runs;
        this.logWriter = logWriter;
        this.config = config;
    }

    /** Applies one result; false when it changed nothing (unknown record, stale or duplicate result). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(Envelope<SyncResult> envelope) {
        SyncResult r = envelope.payload();
        EntityType type = r.entity().entityType();
        if (!records.supports(type)) {
            Log.debugf("Result %s for %s: not an NIA record type, ignored", r.commandId(), r.entity().kafkaKey());
            return false;
        }
        if (r.dryRun() || r.outcome() == Outcome.PLANNED) {
            applyPlan(envelope, type);
            return true;
        }
        // the NIA record first, then its sync state: the order an edit takes them in
        NiaRecord record = records.of(type).lock(r.entity().localId()).orElse(null);
        CreatioSync row = syncs.find("entityType = ?1 and localId = ?2", type.wire(), r.entity().localId())
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
        if (row == null) {
            Log.debugf("Result %s for %s: no sync state, ignored", r.commandId(), r.entity().kafkaKey());
            return false;
        }
        Instant outOfSyncSince = row.pendingSince;
        if (r.resolution()) {
            record = applyResolution(r, row, record, type);
            finish(envelope, row, record);
            measured(r, row, type, outOfSyncSince);
            return true;
        }
        if (!Objects.equals(r.commandId(), row.pendingCommandId) || r.attempt() != row.attempt) {
            Log.debugf("Result %s/%d for %s is not of the command in flight (%s/%d): ignored", r.commandId(), r.attempt(),
                    r.entity().kafkaKey(), row.pendingCommandId, row.attempt);
            return false;
        }
        if (r.niaVersion() != null && row.syncedVersion != null && r.niaVersion() < row.syncedVersion) {
            Log.debugf("Result %s planned from version %d, older than the synced %d: ignored", r.commandId(), r.niaVersion(),
                    row.syncedVersion);
            return false;
        }
        Instant now = Instant.now();
        long versionBefore = record == null ? -1 : record.version();
        boolean changedMeanwhile = r.niaVersion() != null && versionBefore > r.niaVersion();
        row.lastOutcome = r.outcome().wire();
        row.updatedAt = now;
        switch (r.outcome()) {
            case SYNCED, NO_CHANGE, CONFLICT -> {
                agreed(r, row, now);
                if (Boolean.TRUE.equals(r.creatioDeleted())) {
                    // update_vs_delete: the record waits (Id open) for a restore or a delete in NIA
                    row.creatioDeletedAt = row.creatioDeletedAt != null ? row.creatioDeletedAt : now;
                } else if (r.operation() == Operation.RESTORE) {
                    row.creatioDeletedAt = null;
                }
                if (record != null && r.pulledValues() != null && !r.pulledValues().isEmpty()) {
                    record = applyPulled(r, row, record, type);
                }
                if (!changedMeanwhile && record != null) {
                    row.syncedVersion = record.version();
                    row.localVersion = record.version();
                }
            }
            case RETRYABLE_FAILURE -> retryable(r, row, record, now);
            case FAILED -> {
                row.syncStatus(SyncStatus.FAILED);
                row.lastError = lastError(r.failure(), record);
                row.pendingCommandId = null;
                row.nextRetryAt = null;
                if (r.failure() != null && r.failure().category() == Failure.Category.TRANSIENT) {
                    // the worker dead-lettered the last attempt's command
                    row.deadLetteredAt = now;
                }
            }
            case SUPERSEDED -> {
                // nothing was written: the record is planned again from what both sides hold now
                row.pendingCommandId = null;
                row.syncStatus(row.openFields.isEmpty() ? SyncStatus.SYNCED : SyncStatus.CONFLICT);
                row.replanRequested = true;
            }
            default -> {
                Log.debugf("Result %s with outcome %s: nothing to apply", r.commandId(), r.outcome().wire());
                return false;
            }
        }
        finish(envelope, row, record);
        measured(r, row, type, outOfSyncSince);
        boolean settled = row.pendingCommandId == null;
        if (settled && record != null && (changedMeanwhile || row.replanRequested)) {
            // NIA changed while the command was in flight: plan again now, with the base just stored
            planner.planAgain(row);
        }
        return true;
    }

    /** Counts an applied result and, when it brought the record back in agreement, how long it was out of sync. */
    private void measured(SyncResult r, CreatioSync row, EntityType type, Instant outOfSyncSince) {
        metrics.result(type, r.lane(), r.outcome());
        SyncStatus now = row.syncStatus();
        if (outOfSyncSince != null && (now == SyncStatus.SYNCED || now == SyncStatus.CONFLICT)) {
            metrics.latency(type, r.lane(), Duration.between(outOfSyncSince, Instant.now()));
        }
    }

    /**
     * A dry run's answer: its plan line is stored and its run counts it as done (a failure as failed,
     * since a dry run is never retried); the record, its sync state and its in-flight command are not
     * touched, not even locked.
     */
    private void applyPlan(Envelope<SyncResult> envelope, EntityType type) {
        SyncResult r = envelope.payload();
        if (r.runId() != null) {
            plans.store(r);
        }
        NiaRecord record = records.of(type).load(r.entity().localId()).orElse(null);
        SyncRun run = r.runId() == null ? null : runs.findById(r.runId(), LockModeType.PESSIMISTIC_WRITE);
        logWriter.write(envelope, run != null ? run.requestedBy : null, knownValues(record));
        if (run != null) {
            if (r.outcome() == Outcome.FAILED || r.outcome() == Outcome.RETRYABLE_FAILURE) {
                run.failed++;
            } else if (r.outcome() == Outcome.CONFLICT) {
                run.conflicts++;
            }
            run.recordDone();
        }
    }

    private void agreed(SyncResult r, CreatioSync row, Instant now) {
        if (r.entity().creatioId() != null) {
            row.creatioId = r.entity().creatioId();
        }
        BaseSnapshot base = r.newBase();
        if (base != null) {
            row.baseSnapshot = base;
            row.localHash = base.niaHash();
            row.creatioHash = base.creatioHash();
        }
        Set<String> open = new LinkedHashSet<>(row.openFields);
        if (fullMerge(r)) {
            // a merge of every column reports each collision still there: one it no longer reports is agreed now
            // (e.g. reopened by a command planned before a decision, then merged again); Id (whole-record) excepted
            open.removeIf(f -> !ID.equals(f) && (r.openFields() == null || !r.openFields().contains(f)));
        }
        if (r.openFields() != null) {
            open.addAll(r.openFields());
        }
        if (r.closedFields() != null) {
            open.removeAll(r.closedFields());
        }
        row.openFields = new ArrayList<>(open);
        row.syncStatus(open.isEmpty() ? SyncStatus.SYNCED : SyncStatus.CONFLICT);
        row.retryCount = 0;
        row.nextRetryAt = null;
        row.lastSyncedAt = now;
        row.lastError = null;
        row.deadLetteredAt = null;
        row.creatioModifiedOn = r.creatioModifiedOn() != null ? r.creatioModifiedOn() : row.creatioModifiedOn;
        row.pendingCommandId = null;
        row.freshCommand = false;
        if (r.niaVersion() != null) {
            row.syncedVersion = r.niaVersion();
        }
    }

    /**
     * Writes Creatio's values into the NIA record, field by field, only where NIA still holds what
     * the command carried (otherwise NIA changed it meanwhile, and the next command pushes NIA's
     * newer value). Written through {@link RecordAccess}, not the edit path: no echo command.
     */
    private NiaRecord applyPulled(SyncResult r, CreatioSync row, NiaRecord record, EntityType type) {
        CreatioConfiguration cfg = configuration.current().configuration();
        EntityMapping mapping = cfg.mapping(type).orElse(null);
        if (mapping == null) {
            return record;
        }
        Map<String, Object> current = SyncPlanner.canonicalKeepingNulls(FieldMapper.toCreatio(mapping, record.fields(),
                SyncPlanner.agreed(row)));
        Map<String, Object> planned = row.plannedSnapshot;
        Map<String, Object> eligible = new LinkedHashMap<>();
        r.pulledValues().forEach((column, value) -> {
            if (planned == null || CanonicalValues.same(current.get(column), planned.get(column))) {
                eligible.put(column, value);
            } else {
                Log.debugf("Pulled %s of %s left: NIA changed it since the command", column, r.entity().kafkaKey());
            }
        });
        if (eligible.isEmpty()) {
            return record;
        }
        FieldMapper.Inverse inverse = FieldMapper.toNia(mapping, eligible, record.fields());
        if (!inverse.problems().isEmpty()) {
            Log.warnf("%d pulled column(s) of %s have no NIA value without guessing: left as they are",
                    inverse.problems().size(), r.entity().kafkaKey());
        }
        Map<String, Object> updates = new LinkedHashMap<>();
        inverse.updates().forEach((field, value) -> {
            if (!CanonicalValues.same(record.fields().get(field), value)) {
                updates.put(field, value);
            }
        });
        return updates.isEmpty() ? record : records.of(type).update(record.id(), updates);
    }

    private void retryable(SyncResult r, CreatioSync row, NiaRecord record, Instant now) {
        Failure failure = r.failure();
        row.lastError = lastError(failure, record);
        if (failure != null && failure.category() == Failure.Category.BUDGET_EXHAUSTED) {
            // the gateway refused before calling Creatio: the attempt did nothing and is not counted;
            // the next one is a new command, since results are deduplicated by command id and attempt
            row.syncStatus(SyncStatus.PENDING);
            row.nextRetryAt = now.plus(config.budgetPause());
            row.freshCommand = true;
            metrics.retryScheduled(r.entity().entityType());
            return;
        }
        row.retryCount++;
        int limit = maxRetries(row);
        if (row.retryCount > limit) {
            row.syncStatus(SyncStatus.FAILED);
            row.lastError = "retries spent (" + limit + "); " + row.lastError;
            row.pendingCommandId = null;
            row.nextRetryAt = null;
            return;
        }
        row.syncStatus(SyncStatus.PENDING);
        row.nextRetryAt = now.plus(Backoff.delay(row.retryCount, config.retry().base(), config.retry().cap(),
                ThreadLocalRandom.current()));
        metrics.retryScheduled(r.entity().entityType());
    }

    /** Whether a result comes from a merge of every mapped column (an update, upsert or link that agreed a base). */
    private static boolean fullMerge(SyncResult r) {
        Operation op = r.operation();
        return r.newBase() != null && !r.dryRun()
                && (op == Operation.UPDATE || op == Operation.UPSERT || op == Operation.LINK || op == Operation.CREATE);
    }

    /**
     * A person's decision carried out: the result of a {@code resolve} command, which is not a planned
     * sync command, so it is applied whatever is in flight and never touches the in-flight command
     * (its id, attempt, retry time, the status {@code in_progress}/{@code pending}). The worker already
     * made the compare-and-set on Creatio; this is NIA's side of it, in this transaction:
     * <ul>
     * <li>a field decision ({@code synced}): NIA takes the chosen value where it still holds the value the
     * decision saw ({@code niaValuesSeen}; a value NIA changed since is kept and goes to Creatio as an
     * ordinary edit); the decided columns take the chosen value in the base and close;</li>
     * <li>{@code pick_creatio_record}: the record is linked to the chosen Creatio id, Id closes, and its
     * first merge is planned;</li>
     * <li>{@code delete_in_nia} / {@code restore_in_creatio}: the update_vs_delete resolution of
     * {@link Deletions} (soft delete with tombstone, or the {@code restore} command);</li>
     * <li>{@code superseded}: nothing was written; the record is planned again, so the next merge
     * reports the conflict with today's values; {@code failed}: nothing changes, the conflict stays open.</li>
     * </ul>
     * While a command is in flight, the record is planned again when its result arrives (that command
     * carries the base from before the decision).
     */
    private NiaRecord applyResolution(SyncResult r, CreatioSync row, NiaRecord record, EntityType type) {
        boolean inFlight = SyncPlanner.commandInFlight(row);
        boolean replan = false;
        switch (r.outcome()) {
            case SYNCED, NO_CHANGE -> {
                if (r.strategy() == ResolutionStrategy.PICK_CREATIO_RECORD) {
                    replan = link(r, row);
                } else if (r.strategy() == ResolutionStrategy.DELETE_IN_NIA) {
                    deleteInNia(r, row, record, type);
                    return records.of(type).load(row.localId).orElse(record);
                } else {
                    Decided decided = decideFields(r, row, record, type);
                    record = decided.record();
                    replan = decided.niaMoved() || row.syncStatus() == SyncStatus.FAILED;
                }
            }
            case CONFLICT -> {
                if (r.strategy() == ResolutionStrategy.RESTORE_IN_CREATIO) {
                    restoreInCreatio(r, row, record, type);
                    return record;
                }
            }
            case SUPERSEDED -> replan = true;
            default -> Log.infof("Resolution of conflict %s for %s ended %s: the conflict stays open", r.conflictId(),
                    r.entity().kafkaKey(), r.outcome().wire());
        }
        row.updatedAt = Instant.now();
        if (inFlight) {
            // the command in flight merges against the base from before the decision: plan again after its result
            row.replanRequested |= replan || r.outcome() == Outcome.SYNCED;
            return record;
        }
        SyncStatus status = row.syncStatus();
        if (status == SyncStatus.CONFLICT || status == SyncStatus.SYNCED || status == SyncStatus.FAILED) {
            row.syncStatus(row.openFields.isEmpty() ? SyncStatus.SYNCED : SyncStatus.CONFLICT);
        }
        if (replan && record != null && !record.deleted()) {
            row.replanForce = true;
            planner.planAgain(row);
        }
        return record;
    }

    /** What a field decision did on NIA's side. */
    private record Decided(NiaRecord record, boolean niaMoved) {
    }

    private Decided decideFields(SyncResult r, CreatioSync row, NiaRecord record, EntityType type) {
        Set<String> closed = new LinkedHashSet<>(r.closedFields() == null ? List.of() : r.closedFields());
        Map<String, Object> agreed = new LinkedHashMap<>();
        if (r.newBase() != null) {
            agreed.putAll(r.newBase().values());
        }
        boolean niaMoved = false;
        EntityMapping mapping = configuration.current().configuration().mapping(type).orElse(null);
        Map<String, Object> pulled = r.pulledValues() == null ? Map.of() : r.pulledValues();
        if (!pulled.isEmpty() && record != null && mapping != null) {
            // NIA already holds a pulled code when its value means it (several Creatio stages may mean one NIA status)
            Map<String, Object> current = SyncPlanner.canonicalKeepingNulls(FieldMapper.toCreatio(mapping, record.fields(),
                    pulled));
            Map<String, Object> take = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : pulled.entrySet()) {
                String column = e.getKey();
                Object now = current.get(column);
                agreed.put(column, e.getValue());
                if (CanonicalValues.same(now, e.getValue())) {
                    continue;
                }
                Map<String, Object> seen = r.niaValuesSeen();
                if (seen != null && seen.containsKey(column) && !CanonicalValues.same(now, seen.get(column))) {
                    // NIA changed it after the person decided: NIA's newer value stands and is synced as an edit
                    Log.infof("Conflict %s: NIA's %s of %s changed since the decision; kept", r.conflictId(), column,
                            r.entity().kafkaKey());
                    niaMoved = true;
                    continue;
                }
                take.put(column, e.getValue());
            }
            FieldMapper.Inverse inverse = FieldMapper.toNia(mapping, take, record.fields());
            for (FieldMapper.Unmappable u : inverse.problems()) {
                // no NIA value without guessing: the field stays open for a person
                Log.warnf("Conflict %s: the chosen %s has no NIA value without guessing; left open", r.conflictId(),
                        u.column());
                closed.remove(u.column());
                agreed.remove(u.column());
            }
            Map<String, Object> updates = new LinkedHashMap<>();
            Map<String, Object> fields = record.fields();
            inverse.updates().forEach((field, value) -> {
                if (!CanonicalValues.same(fields.get(field), value)) {
                    updates.put(field, value);
                }
            });
            if (!updates.isEmpty()) {
                boolean settled = row.pendingCommandId == null && Objects.equals(row.syncedVersion, record.version());
                record = records.of(type).update(record.id(), updates);
                if (settled) {
                    // the decision's own write: not an NIA edit to send back
                    row.syncedVersion = record.version();
                    row.localVersion = record.version();
                }
            }
        }
        if (!agreed.isEmpty() && row.baseSnapshot != null) {
            Map<String, Object> values = new TreeMap<>(row.baseSnapshot.values());
            agreed.forEach((column, value) -> {
                if (closed.contains(column)) {
                    values.put(column, value);
                }
            });
            String valuesHash = CanonicalHash.of(values);
            String niaHash = row.localHash;
            String creatioHash = row.creatioHash;
            if (record != null && mapping != null && mapping.fields().size() == values.size()
                    && SyncPlanner.sameHash(valuesHash, CanonicalHash.of(
                            SyncPlanner.canonicalKeepingNulls(FieldMapper.toCreatio(mapping, record.fields(), values))))) {
                niaHash = valuesHash; // NIA holds exactly the agreed values: the planner sees nothing to send
            }
            if (r.newBase() != null && SyncPlanner.sameHash(r.newBase().creatioHash(), valuesHash)) {
                creatioHash = valuesHash; // so does Creatio: the pull sees our own write as an echo
            }
            row.baseSnapshot = new BaseSnapshot(values, niaHash, creatioHash, Instant.now());
            row.localHash = niaHash;
            row.creatioHash = creatioHash;
        }
        Set<String> open = new LinkedHashSet<>(row.openFields);
        open.removeAll(closed);
        row.openFields = new ArrayList<>(open);
        if (r.creatioModifiedOn() != null) {
            row.creatioModifiedOn = r.creatioModifiedOn();
        }
        return new Decided(record, niaMoved);
    }

    /** {@code pick_creatio_record}: linked to the chosen record; its first merge is planned next. */
    private static boolean link(SyncResult r, CreatioSync row) {
        UUID chosen = r.entity().creatioId();
        if (chosen == null || row.creatioId != null && !row.creatioId.equals(chosen)) {
            Log.warnf("Conflict %s: %s is already linked to %s; the pick of %s is not applied", r.conflictId(),
                    r.entity().kafkaKey(), row.creatioId, chosen);
            return false;
        }
        row.creatioId = chosen;
        row.openFields = new ArrayList<>(row.openFields.stream().filter(f -> !ID.equals(f)).toList());
        return true;
    }

    /** {@code delete_in_nia}: the NIA record is soft-deleted with its tombstone, as the delete-in-nia endpoint does. */
    private void deleteInNia(SyncResult r, CreatioSync row, NiaRecord record, EntityType type) {
        String refused = updateVsDeleteRefused(row, record);
        if (refused != null) {
            Log.warnf("Conflict %s (delete_in_nia) of %s not applied: %s", r.conflictId(), r.entity().kafkaKey(), refused);
            return;
        }
        deletions.deleteInNia(type, row.localId, "resolution " + r.conflictId());
    }

    /** {@code restore_in_creatio}: the restore command of the restore endpoint (NIA's values, the former Creatio id). */
    private void restoreInCreatio(SyncResult r, CreatioSync row, NiaRecord record, EntityType type) {
        String refused = updateVsDeleteRefused(row, record);
        if (refused == null && record.deleted()) {
            refused = "the NIA record is deleted";
        }
        if (refused != null) {
            Log.warnf("Conflict %s (restore_in_creatio) of %s not applied: %s", r.conflictId(), r.entity().kafkaKey(), refused);
            return;
        }
        deletions.restore(type, row.localId);
    }

    /** Why {@link Deletions} would refuse an update_vs_delete resolution now (checked first: its refusal would roll back). */
    private static String updateVsDeleteRefused(CreatioSync row, NiaRecord record) {
        if (record == null) {
            return "no NIA record";
        }
        if (row.creatioId == null || row.creatioDeletedAt == null && !row.openFields.contains(ID)) {
            return "no update_vs_delete is open any more";
        }
        if (SyncPlanner.commandInFlight(row)) {
            return "a command is in flight; decide again when it settles";
        }
        return null;
    }

    private int maxRetries(CreatioSync row) {
        return row.maxRetries != null ? row.maxRetries : configuration.current().configuration().defaultMaxRetries();
    }

    /** The sync log line and the run's progress. */
    private void finish(Envelope<SyncResult> envelope, CreatioSync row, NiaRecord record) {
        SyncResult r = envelope.payload();
        SyncRun run = r.runId() == null ? null : runs.findById(r.runId(), LockModeType.PESSIMISTIC_WRITE);
        String user = run != null ? run.requestedBy : row.requestedBy;
        logWriter.write(envelope, user, knownValues(record));
        if (run != null) {
            count(run, r.outcome());
        }
    }

    private static void count(SyncRun run, Outcome outcome) {
        switch (outcome) {
            case SYNCED -> run.synced++;
            case NO_CHANGE -> run.noChange++;
            case CONFLICT -> run.conflicts++;
            case FAILED -> run.failed++;
            case PLANNED, SUPERSEDED -> {
                // final, counted as done only
            }
            default -> {
                // retryable: the record is not done yet
                return;
            }
        }
        run.recordDone();
    }

    /** The record's values, masked wherever a failure message quotes them. */
    static List<Object> knownValues(NiaRecord record) {
        if (record == null) {
            return List.of();
        }
        List<Object> values = new ArrayList<>();
        record.fields().forEach((field, value) -> {
            // codes (status, meeting type) are not personal, and masking "new" would mangle messages
            if (value instanceof String s && s.strip().length() >= 3 && !CODE_FIELDS.contains(field)) {
                values.add(s);
            } else if (value instanceof java.math.BigDecimal d) {
                values.add(d.toPlainString());
                values.add(CanonicalValues.asText(CanonicalValues.canonical(d)));
            }
        });
        return values;
    }

    private static String lastError(Failure failure, NiaRecord record) {
        if (failure == null) {
            return "unknown failure";
        }
        StringBuilder sb = new StringBuilder(failure.category() == null ? "unknown" : failure.category().wire());
        if (failure.httpStatus() != null) {
            sb.append(" (HTTP ").append(failure.httpStatus()).append(')');
        }
        if (failure.message() != null) {
            sb.append(": ").append(SyncLogRedactor.redact(failure.message(), knownValues(record)));
        }
        return sb.toString();
    }
}
