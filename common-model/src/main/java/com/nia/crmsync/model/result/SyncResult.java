package com.nia.crmsync.model.result;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.validation.Violation;

/**
 * What one attempt of a command did, published by the worker on {@code crm.sync.results.v1} and
 * read by {@code sync-api} (sync state, log, NIA values, runs) and by {@code conflict-service}
 * (resolutions confirmed, stale conflicts superseded). Its envelope's event id is
 * {@code Ids.resultEventId(commandId, attempt)}, so a redelivered command's result deduplicates.
 *
 * @param commandId         the command answered
 * @param attempt           the attempt answered
 * @param entity            the record, with its Creatio id now known (created, linked or already linked)
 * @param operation         the command's operation ({@code resolve} commands report {@code update})
 * @param outcome           how the attempt ended
 * @param action            what was done to the record (in a dry run: what would be done)
 * @param changes           the field-level changes made (in a dry run: planned) on either side
 * @param newBase           the values both sides now agree on, and their hashes; absent when nothing was agreed
 * @param pulledValues      Creatio values NIA must take (Creatio column → value), e.g. a pulled or merged change
 * @param creatioModifiedOn Creatio's {@code ModifiedOn} after the attempt
 * @param calls             the Creatio calls made, sanitised
 * @param plannedCalls      dry run: the Creatio calls the real run would cost
 * @param openFields        fields left open for a person ({@code manual}); the record stays in conflict
 * @param closedFields      fields a resolution closed; the record leaves conflict when none is open
 * @param conflictId        for a resolution: the conflict it carried out
 * @param failure           why it failed, for the failure outcomes
 * @param niaVersion        the NIA version the command was planned from, for the version check
 * @param configVersion     the configuration version it ran with
 * @param dryRun            whether it was a plan only
 * @param lane              the lane it came from
 * @param runId             the run it belongs to
 * @param handledBy         the worker instance that handled it (probes, diagnostics)
 * @param completedAt       when the attempt ended
 * @param pulledPage        {@code pull_page} only: the page of changed Creatio records read
 * @param reconciled        {@code reconcile} only: the ids read, or the checked ids found and missing
 * @param creatioDeleted    true when the linked Creatio record no longer exists (an {@code update_vs_delete}:
 *                          the record waits for a person to restore it in Creatio or delete it in NIA); absent otherwise
 * @param strategy          for the result of a {@code resolve} command: the strategy carried out (absent for every
 *                          other result, which is how {@code sync-api} tells the two kinds apart)
 * @param niaValuesSeen     for a resolution that gives NIA a value ({@code pulledValues}): the NIA values (Creatio
 *                          column → value) the decision saw; NIA takes the value only where it still holds these
 * @param notes             remarks on the record's sync for the sync log, e.g. a value truncated to fit its Creatio
 *                          column ({@code Activity.Title truncated from 500000 to 500 characters}); absent when none
 * @param valueNames        the display names of the lookup ids among {@code changes}' values (id → the lookup row's
 *                          {@code Name}, null where it could not be resolved); absent when no change is of a lookup
 */
public record SyncResult(
        UUID commandId,
        int attempt,
        EntityKey entity,
        Operation operation,
        Outcome outcome,
        Action action,
        List<FieldChange> changes,
        BaseSnapshot newBase,
        Map<String, Object> pulledValues,
        Instant creatioModifiedOn,
        List<CallSummary> calls,
        Integer plannedCalls,
        List<String> openFields,
        List<String> closedFields,
        UUID conflictId,
        Failure failure,
        Long niaVersion,
        long configVersion,
        boolean dryRun,
        Lane lane,
        UUID runId,
        String handledBy,
        Instant completedAt,
        PulledPage pulledPage,
        ReconciledIds reconciled,
        Boolean creatioDeleted,
        ResolutionStrategy strategy,
        Map<String, Object> niaValuesSeen,
        List<String> notes,
        Map<String, String> valueNames) {

    /** The canonical constructor, which JSON reads. */
    @JsonCreator
    public SyncResult {
    }

    /**
     * What this result lacks to be applied (paths relative to the envelope); empty when it is whole.
     * A consumer dead-letters a result with violations at once: applying it would fail the same way
     * on every in-place retry.
     */
    public List<Violation> validate() {
        List<Violation> violations = new ArrayList<>();
        if (commandId == null) {
            violations.add(Violation.missing("/payload/commandId"));
        }
        if (entity == null) {
            violations.add(Violation.missing("/payload/entity"));
        }
        if (operation == null) {
            violations.add(Violation.missing("/payload/operation"));
        }
        if (outcome == null) {
            violations.add(Violation.missing("/payload/outcome"));
        }
        return violations;
    }

    /** This result with the display names of the lookup ids among its changes' values. */
    public SyncResult withValueNames(Map<String, String> names) {
        return new SyncResult(commandId, attempt, entity, operation, outcome, action, changes, newBase, pulledValues,
                creatioModifiedOn, calls, plannedCalls, openFields, closedFields, conflictId, failure, niaVersion,
                configVersion, dryRun, lane, runId, handledBy, completedAt, pulledPage, reconciled, creatioDeleted,
                strategy, niaValuesSeen, notes, names == null || names.isEmpty() ? null : names);
    }

    /**
     * The answer to a {@code probe}: outcome {@code probed}, nothing written, no Creatio call.
     *
     * @param handledBy the worker instance answering
     */
    public static SyncResult probed(SyncCommand probe, String handledBy) {
        return answering(probe, Outcome.PROBED, handledBy).build();
    }

    /**
     * A builder for the result of {@code command}, with everything the command already says
     * (ids, attempt, entity, operation, versions, dry run, lane, run) copied. Callers should build
     * results this way rather than by the canonical constructor, which grows with each additive field.
     */
    public static Builder answering(Command command, Outcome outcome, String handledBy) {
        Builder b = new Builder();
        b.commandId = command.commandId();
        b.attempt = command.attempt();
        b.entity = command.entity();
        b.outcome = outcome;
        b.configVersion = command.configVersion();
        b.dryRun = command.dryRun();
        b.lane = command.lane();
        b.handledBy = handledBy;
        if (command instanceof SyncCommand) {
            SyncCommand sync = (SyncCommand) command;
            b.operation = sync.operation();
            b.niaVersion = sync.niaVersion();
            b.runId = sync.runId();
            // a command planned to carry out a decision (a restore) names its conflict, so its result confirms it
            b.conflictId = sync.conflictId();
        } else {
            ResolveCommand resolve = (ResolveCommand) command;
            b.operation = Operation.UPDATE;
            b.conflictId = resolve.conflictId();
            b.strategy = resolve.strategy();
        }
        return b;
    }

    /** Builds a {@link SyncResult}; empty lists rather than nulls for the list parts. */
    public static final class Builder {
        private UUID commandId;
        private int attempt;
        private EntityKey entity;
        private Operation operation;
        private Outcome outcome;
        private Action action;
        private List<FieldChange> changes = List.of();
        private BaseSnapshot newBase;
        private Map<String, Object> pulledValues;
        private Instant creatioModifiedOn;
        private List<CallSummary> calls = List.of();
        private Integer plannedCalls;
        private List<String> openFields = List.of();
        private List<String> closedFields = List.of();
        private UUID conflictId;
        private Failure failure;
        private Long niaVersion;
        private long configVersion;
        private boolean dryRun;
        private Lane lane;
        private UUID runId;
        private String handledBy;
        private Instant completedAt;
        private PulledPage pulledPage;
        private ReconciledIds reconciled;
        private Boolean creatioDeleted;
        private ResolutionStrategy strategy;
        private Map<String, Object> niaValuesSeen;
        private List<String> notes;

        private Builder() {
        }

        /** The record, e.g. with the Creatio id learnt by a create or a link. */
        public Builder entity(EntityKey value) {
            entity = value;
            return this;
        }

        /** What was (or would be) done. */
        public Builder action(Action value) {
            action = value;
            return this;
        }

        /** The field-level changes made or planned. */
        public Builder changes(List<FieldChange> value) {
            changes = value;
            return this;
        }

        /** The values both sides now agree on. */
        public Builder newBase(BaseSnapshot value) {
            newBase = value;
            return this;
        }

        /** Creatio values NIA must take. */
        public Builder pulledValues(Map<String, Object> value) {
            pulledValues = value;
            return this;
        }

        /** Creatio's {@code ModifiedOn} after the attempt. */
        public Builder creatioModifiedOn(Instant value) {
            creatioModifiedOn = value;
            return this;
        }

        /** The Creatio calls made. */
        public Builder calls(List<CallSummary> value) {
            calls = value;
            return this;
        }

        /** Dry run: the calls the real run would cost. */
        public Builder plannedCalls(Integer value) {
            plannedCalls = value;
            return this;
        }

        /** Fields left open for a person. */
        public Builder openFields(List<String> value) {
            openFields = value;
            return this;
        }

        /** Fields a resolution closed. */
        public Builder closedFields(List<String> value) {
            closedFields = value;
            return this;
        }

        /** Why it failed. */
        public Builder failure(Failure value) {
            failure = value;
            return this;
        }

        /** When the attempt ended; now when not set. */
        public Builder completedAt(Instant value) {
            completedAt = value;
            return this;
        }

        /** {@code pull_page} only: the page read. */
        public Builder pulledPage(PulledPage value) {
            pulledPage = value;
            return this;
        }

        /** {@code reconcile} only: the ids read or checked. */
        public Builder reconciled(ReconciledIds value) {
            reconciled = value;
            return this;
        }

        /** The linked Creatio record no longer exists ({@code update_vs_delete}). */
        public Builder creatioDeleted(Boolean value) {
            creatioDeleted = value;
            return this;
        }

        /** A resolution: the NIA values the decision saw, which NIA must still hold to take {@code pulledValues}. */
        public Builder niaValuesSeen(Map<String, Object> value) {
            niaValuesSeen = value;
            return this;
        }

        /** Remarks for the sync log (e.g. a truncated value); empty means none. */
        public Builder notes(List<String> value) {
            notes = value == null || value.isEmpty() ? null : value;
            return this;
        }

        /** The result. */
        public SyncResult build() {
            return new SyncResult(commandId, attempt, entity, operation, outcome, action, changes, newBase,
                    pulledValues, creatioModifiedOn, calls, plannedCalls, openFields, closedFields, conflictId,
                    failure, niaVersion, configVersion, dryRun, lane, runId, handledBy,
                    completedAt == null ? Instant.now() : completedAt, pulledPage, reconciled, creatioDeleted,
                    strategy, niaValuesSeen, notes, null);
        }
    }

    /** Whether this answers a {@code resolve} command (a person's decision carried out). */
    public boolean resolution() {
        return strategy != null;
    }

    /** Whether the record should be rescheduled (a transient failure). */
    public boolean retryable() {
        return outcome == Outcome.RETRYABLE_FAILURE;
    }
}
