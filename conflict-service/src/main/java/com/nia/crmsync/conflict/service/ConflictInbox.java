package com.nia.crmsync.conflict.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import com.nia.crmsync.conflict.entity.ConflictStatus;
import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.messaging.inbox.ProcessedMessages;
import com.nia.crmsync.conflict.repository.SyncConflictRepository;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;

/**
 * The inbox's side of the topics: keeps each reported mismatch as a conflict and moves conflicts
 * on by the worker's results. Every event is applied once (processed-message log, same
 * transaction); mismatches and results are keyed by record, so one record's events arrive in order.
 */
@ApplicationScoped
public class ConflictInbox {

    static final String MISMATCH_CONSUMER = "conflict-service.mismatches";
    static final String RESULT_CONSUMER = "conflict-service.results";
    /** The field a restore (or a delete in NIA) closes: the record's Creatio id. */
    static final String ID_FIELD = "Id";

    private final SyncConflictRepository conflicts;
    private final ProcessedMessages processed;
    private final ConflictAudit audit;

    public ConflictInbox(SyncConflictRepository conflicts, ProcessedMessages processed, ConflictAudit audit) {
        this.conflicts = conflicts;
        this.processed = processed;
        this.audit = audit;
    }

    /**
     * Keeps a mismatch: one left open becomes a pending conflict, or refreshes the open conflict of
     * the same record, field and type; one a policy decided is stored {@code auto_resolved} with
     * the reason (and makes a pending conflict on that field stale). Dry-run mismatches are not kept.
     */
    @Transactional
    public void record(Envelope<Mismatch> envelope) {
        if (!processed.firstTime(MISMATCH_CONSUMER, envelope.eventId())) {
            return;
        }
        Mismatch m = envelope.payload();
        if (m.dryRun()) {
            return;
        }
        String type = m.type().wire();
        String entityType = m.entity().entityType().wire();
        String correlation = String.valueOf(envelope.correlationId());
        if (m.leftOpen()) {
            SyncConflict applying = conflicts.applying(entityType, m.entity().localId(), m.field(), type).orElse(null);
            if (applying != null && sameValues(applying, m)) {
                // a command planned before the decision reports the collision the decision is settling: not a new one
                applying.reportedCount++;
                return;
            }
            SyncConflict open = conflicts.open(entityType, m.entity().localId(), m.field(), type).orElse(null);
            if (open != null && plannedBefore(m.niaVersion(), open)) {
                // a command run again after the one that reported this conflict: its older values are not the conflict's
                open.reportedCount++;
                Log.infof("Conflict %s reported by command %s, planned from NIA version %d before the conflict's %d; values kept",
                        open.id, m.commandId(), m.niaVersion(), open.niaVersion);
                return;
            }
            if (open != null) {
                fill(open, m, envelope);
                open.reportedCount++;
                open.updatedAt = java.time.Instant.now();
                Log.debugf("Conflict %s reported again (%d times)", open.id, open.reportedCount);
                return;
            }
            SyncConflict c = fresh(m, envelope, ConflictStatus.PENDING);
            conflicts.persist(c);
            audit.write("conflict.detected", ConflictAudit.SYSTEM, Set.of(), null, c, correlation);
            return;
        }
        SyncConflict pending = conflicts.open(entityType, m.entity().localId(), m.field(), type).orElse(null);
        if (pending != null && pending.status() == ConflictStatus.PENDING && plannedBefore(m.niaVersion(), pending)) {
            // a command run again after the one that raised the pending conflict (redelivered to a worker after a
            // crash): sync-api does not apply its result, so its decision did not happen and the conflict stands
            Log.infof("Decision of %s on %s by command %s, planned from NIA version %d before pending conflict %s (version %d):"
                    + " not kept", m.field(), m.entity().localId(), m.commandId(), m.niaVersion(), pending.id, pending.niaVersion);
            return;
        }
        SyncConflict c = conflicts.autoDecision(m.commandId(), m.field(), type).orElse(null);
        if (c != null) {
            fill(c, m, envelope);
            c.reportedCount++;
            return;
        }
        c = fresh(m, envelope, ConflictStatus.AUTO_RESOLVED);
        c.strategy = (m.winner() == Side.NIA ? ResolutionStrategy.LOCAL_WINS : ResolutionStrategy.CREATIO_WINS).wire();
        c.chosenValueJson = SyncConflict.json(m.decidedValue());
        c.resolvedBy = "policy:" + (m.policy() == null ? "unknown" : m.policy().wire());
        c.resolvedAt = c.detectedAt;
        conflicts.persist(c);
        audit.write("conflict.auto-resolved", ConflictAudit.SYSTEM, Set.of(), null, c, correlation);
        // the policy decided this field on both sides: a person's pending conflict about it is stale
        if (pending != null && pending.status() == ConflictStatus.PENDING) {
            supersede(pending, "superseded: decided automatically by " + c.resolvedBy + " (conflict " + c.id + ")", correlation);
        }
    }

    /**
     * Applies a result: a result naming a conflict moves it from {@code applying} — the result of
     * the resolve command in flight (its command id and attempt; {@code strategy} set), or of a sync
     * command planned to carry the decision out (a restore for {@code restore_in_creatio}, which
     * names the conflict without a strategy, or, from a planner that does not name it, a
     * {@code restore} result of a record whose {@code restore_in_creatio} is applying); any other
     * result that changed a field supersedes the record's pending conflicts on that field found
     * before it. The rules are those of {@code docs/events.md}, "Results of resolve commands".
     */
    @Transactional
    public void apply(Envelope<SyncResult> envelope) {
        if (!processed.firstTime(RESULT_CONSUMER, envelope.eventId())) {
            return;
        }
        SyncResult r = envelope.payload();
        if (r.dryRun() || r.entity() == null) {
            return;
        }
        String correlation = String.valueOf(envelope.correlationId());
        if (r.conflictId() != null) {
            applyResolution(r, conflicts.lockById(r.conflictId()).orElse(null), correlation);
            return;
        }
        if (r.operation() == Operation.RESTORE) {
            // a restore planned for a restore_in_creatio decision, by a planner that does not name the conflict yet
            for (SyncConflict c : conflicts.applyingRestores(r.entity().entityType().wire(), r.entity().localId())) {
                applyResolution(r, c, correlation);
            }
        }
        supersedeOvertaken(r, correlation);
    }

    private void applyResolution(SyncResult r, SyncConflict c, String correlation) {
        if (c == null || c.status() != ConflictStatus.APPLYING) {
            Log.debugf("Result of command %s for conflict %s, which is not applying; ignored", r.commandId(), r.conflictId());
            return;
        }
        boolean followUp = !r.resolution();
        if (!followUp && (!r.commandId().equals(c.commandId) || c.commandAttempt == null || r.attempt() != c.commandAttempt)) {
            Log.debugf("Result of command %s/%d for conflict %s is not the attempt awaited; ignored", r.commandId(),
                    r.attempt(), r.conflictId());
            return;
        }
        ConflictSnapshot before = ConflictSnapshot.of(c);
        if (followUp && r.outcome() == Outcome.RETRYABLE_FAILURE) {
            // a sync command planned to carry out the decision (a restore) is rescheduled by sync-api: still applying
            c.lastError = describe(r.failure(), r.outcome());
            c.updatedAt = java.time.Instant.now();
            audit.write("conflict.attempt-failed", ConflictAudit.SYSTEM, Set.of(), before, c, correlation);
            return;
        }
        String action;
        switch (r.outcome()) {
            case SYNCED, NO_CHANGE -> {
                c.status(ConflictStatus.RESOLVED);
                c.resolvedAt = r.completedAt();
                c.lastError = null;
                if (c.creatioId == null && r.entity().creatioId() != null) {
                    c.creatioId = r.entity().creatioId();
                }
                action = "conflict.resolved";
            }
            case SUPERSEDED -> {
                c.status(ConflictStatus.SUPERSEDED);
                c.reason = "superseded: a side no longer held the value the decision saw"
                        + (r.failure() == null ? "" : " (" + r.failure().message() + ")");
                action = "conflict.superseded";
            }
            case RETRYABLE_FAILURE, FAILED -> {
                c.status(ConflictStatus.FAILED);
                c.lastError = describe(r.failure(), r.outcome());
                action = "conflict.failed";
            }
            case CONFLICT -> {
                if (r.action() == Action.RESTORE) {
                    // restore_in_creatio: sync-api plans the restore; its own result ends the applying
                    c.reason = "restore in Creatio planned (command " + r.commandId() + ")";
                    c.updatedAt = java.time.Instant.now();
                    action = "conflict.restore-planned";
                } else {
                    c.status(ConflictStatus.FAILED);
                    c.lastError = "the worker left " + r.openFields() + " open";
                    action = "conflict.failed";
                }
            }
            default -> {
                Log.warnf("Result %s of resolve command %s ignored", r.outcome().wire(), r.commandId());
                return;
            }
        }
        audit.write(action, ConflictAudit.SYSTEM, Set.of(), before, c, correlation);
    }

    private void supersedeOvertaken(SyncResult r, String correlation) {
        if (r.outcome() != Outcome.SYNCED && r.outcome() != Outcome.CONFLICT) {
            return;
        }
        Set<String> fields = new LinkedHashSet<>();
        orEmpty(r.changes()).stream().map(FieldChange::field).forEach(fields::add);
        if (r.pulledValues() != null) {
            fields.addAll(r.pulledValues().keySet());
        }
        fields.addAll(orEmpty(r.closedFields()));
        orEmpty(r.openFields()).forEach(fields::remove);
        String entityType = r.entity().entityType().wire();
        UUID localId = r.entity().localId();
        for (SyncConflict c : conflicts.pendingOnFields(entityType, localId, fields, r.completedAt())) {
            if (plannedBefore(r.niaVersion(), c)) {
                // a command run again after the one that raised it: no newer change overtook the conflict
                Log.infof("Result of command %s, planned from NIA version %d, leaves conflict %s (version %d) pending",
                        r.commandId(), r.niaVersion(), c.id, c.niaVersion);
                continue;
            }
            if (!r.commandId().equals(c.sourceCommandId)) {
                supersede(c, "superseded: " + c.field + " changed by command " + r.commandId() + " at " + r.completedAt(),
                        correlation);
            }
        }
        if (orEmpty(r.closedFields()).contains(ID_FIELD)) {
            // the record was restored in Creatio (or deleted in NIA) on another path: the update_vs_delete is settled
            for (SyncConflict c : conflicts.pendingOfType(entityType, localId, MismatchType.UPDATE_VS_DELETE.wire())) {
                supersede(c, "superseded: the record's Creatio id was settled by command " + r.commandId(), correlation);
            }
        }
    }

    /**
     * Whether a report (a mismatch or result) comes from a command planned from an older NIA version
     * than the one that reported the conflict: a command run again after newer ones, e.g. redelivered
     * to a worker after a crash. Unknown versions (older workers) compare as not older.
     */
    static boolean plannedBefore(Long reportVersion, SyncConflict c) {
        return reportVersion != null && c.niaVersion != null && reportVersion < c.niaVersion;
    }

    private void supersede(SyncConflict c, String reason, String correlation) {
        ConflictSnapshot before = ConflictSnapshot.of(c);
        c.status(ConflictStatus.SUPERSEDED);
        c.reason = reason;
        audit.write("conflict.superseded", ConflictAudit.SYSTEM, Set.of(), before, c, correlation);
    }

    private static SyncConflict fresh(Mismatch m, Envelope<Mismatch> envelope, ConflictStatus status) {
        SyncConflict c = new SyncConflict();
        c.id = Ids.random();
        c.conflictType = m.type().wire();
        c.entityType = m.entity().entityType().wire();
        c.localId = m.entity().localId();
        c.field = m.field();
        c.status(status);
        fill(c, m, envelope);
        return c;
    }

    /** The values, times and explanation of the latest report. */
    private static void fill(SyncConflict c, Mismatch m, Envelope<Mismatch> envelope) {
        if (m.entity().creatioId() != null) {
            c.creatioId = m.entity().creatioId();
        }
        c.baseValueJson = SyncConflict.json(m.baseValue());
        c.niaValueJson = SyncConflict.json(m.niaValue());
        c.creatioValueJson = SyncConflict.json(m.creatioValue());
        if (m.valueNames() != null) {
            // a report without names (the worker could not ask the gateway) keeps the names found before
            c.valueNamesJson = SyncConflict.json(m.valueNames());
        }
        c.niaChangedAt = m.niaChangedAt();
        c.creatioChangedAt = m.creatioChangedAt();
        c.detectedAt = m.detectedAt() != null ? m.detectedAt() : envelope.occurredAt();
        c.policy = m.policy() == null ? null : m.policy().wire();
        c.reason = m.reason();
        c.detail = m.detail();
        List<UUID> candidates = m.candidateCreatioIds();
        c.candidateCreatioIdsJson = candidates == null || candidates.isEmpty() ? null : SyncConflict.json(candidates);
        c.sourceCommandId = m.commandId();
        if (m.niaVersion() != null) {
            c.niaVersion = m.niaVersion();
        }
        c.configVersion = Math.max(c.configVersion, m.configVersion());
    }

    /** A list of a result read from the wire: absent means empty. */
    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static boolean sameValues(SyncConflict c, Mismatch m) {
        return CanonicalValues.same(c.niaValue(), m.niaValue()) && CanonicalValues.same(c.creatioValue(), m.creatioValue());
    }

    private static String describe(Failure failure, Outcome outcome) {
        if (failure == null) {
            return outcome.wire();
        }
        return failure.category().wire() + ": " + failure.message()
                + (failure.httpStatus() == null ? "" : " (HTTP " + failure.httpStatus() + ")");
    }
}
