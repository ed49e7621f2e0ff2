package com.nia.crmsync.syncapi.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.service.ConfigurationService;

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

    private final CreatioSyncRepository syncs;
    private final RecordAccesses records;
    private final ConfigurationService configuration;
    private final SyncPlanner planner;
    private final SyncRunRepository runs;
    private final SyncLogWriter logWriter;
    private final SyncConfig config;
    private final DryRunPlans plans;

    public SyncResults(CreatioSyncRepository syncs, RecordAccesses records, ConfigurationService configuration,
            SyncPlanner planner, SyncRunRepository runs, SyncLogWriter logWriter, SyncConfig config, DryRunPlans plans) {
        this.plans = plans;
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
        if (r.conflictId() != null) {
            record = applyResolution(r, row, record, type);
            finish(envelope, row, record);
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
                } else if (r.operation() == com.nia.crmsync.model.command.Operation.RESTORE) {
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
        boolean settled = row.pendingCommandId == null;
        if (settled && record != null && (changedMeanwhile || row.replanRequested)) {
            // NIA changed while the command was in flight: plan again now, with the base just stored
            planner.planAgain(row);
        }
        return true;
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
            done(run);
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
        Map<String, Object> current = SyncPlanner.canonicalKeepingNulls(FieldMapper.toCreatio(mapping, record.fields()));
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
    }

    /**
     * A person's decision carried out ({@code resolve} commands are not the record's in-flight
     * command): closes its fields, takes the agreed base unless it is older than what is synced,
     * and writes a value NIA must take where NIA still holds what it last sent.
     */
    private NiaRecord applyResolution(SyncResult r, CreatioSync row, NiaRecord record, EntityType type) {
        Set<String> open = new LinkedHashSet<>(row.openFields);
        if (r.closedFields() != null) {
            open.removeAll(r.closedFields());
        }
        if (r.openFields() != null && r.outcome() == Outcome.CONFLICT) {
            open.addAll(r.openFields());
        }
        row.openFields = new ArrayList<>(open);
        boolean agreed = r.outcome() == Outcome.SYNCED || r.outcome() == Outcome.CONFLICT;
        boolean current = r.niaVersion() == null || row.syncedVersion == null || r.niaVersion() >= row.syncedVersion;
        if (current && agreed && r.newBase() != null) {
            row.baseSnapshot = r.newBase();
            row.localHash = r.newBase().niaHash();
            row.creatioHash = r.newBase().creatioHash();
        }
        if (current && agreed && record != null && r.pulledValues() != null && !r.pulledValues().isEmpty()) {
            boolean settled = row.pendingCommandId == null && Objects.equals(row.syncedVersion, record.version());
            record = applyPulled(r, row, record, type);
            if (settled) {
                // the decision's own write: not an NIA edit to send back
                row.syncedVersion = record.version();
                row.localVersion = record.version();
            }
        }
        SyncStatus status = row.syncStatus();
        if (status == SyncStatus.CONFLICT || status == SyncStatus.SYNCED) {
            row.syncStatus(open.isEmpty() ? SyncStatus.SYNCED : SyncStatus.CONFLICT);
        }
        row.updatedAt = Instant.now();
        return record;
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
        done(run);
    }

    /**
     * One more record of the run is done; the run completes when every planned one is — only once its
     * planning has ended ({@code running}): while a {@code sync_all} still plans, the total is not final.
     */
    static void done(SyncRun run) {
        run.done++;
        if (run.total > 0 && run.done >= run.total && "running".equals(run.status)) {
            run.status = "completed";
            run.finishedAt = Instant.now();
        }
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
