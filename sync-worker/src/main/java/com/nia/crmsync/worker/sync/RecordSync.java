package com.nia.crmsync.worker.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.config.FieldMapping;
import com.nia.crmsync.model.config.Overflow;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.gateway.BatchItem;
import com.nia.crmsync.model.gateway.FindResponse;
import com.nia.crmsync.model.gateway.ReadManyResponse;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldConflict;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.merge.FieldRule;
import com.nia.crmsync.model.merge.MergeInput;
import com.nia.crmsync.model.merge.MergeOutcome;
import com.nia.crmsync.model.merge.ThreeWayMerge;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.CallSummary;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.gateway.CreatioPort;
import com.nia.crmsync.worker.gateway.GatewayException;

/**
 * The sync of a set of commands that arrived together (one poll of a lane), keeping the worker
 * stateless: everything it knows comes from the commands and from Creatio.
 * <ol>
 * <li><b>Creatio's state</b>: a fresh snapshot carried by the command is used as it is; otherwise
 * linked records are read — one GET for a single real-time command, one batched read per entity
 * set for a set of commands, never a GET per record in bulk. A record not yet linked is looked up
 * by the entity's link rule (the NIA-id column, else the email column) in one batched search per
 * set, and is never read by its pre-allocated id first: it is created with that id straight away
 * (create-first). Creatio's duplicate-key answer means an earlier attempt created it already; then,
 * and only then, the record is read (the gateway's answer usually carries it) and merged like a
 * linked one, written only if something differs.</li>
 * <li><b>The merge</b> ({@link ThreeWayMerge}) against the base; automatic policies decide
 * same-field collisions, each reported as a mismatch with the decision; {@code manual} leaves the
 * field open. A Creatio value that cannot be brought back to NIA without guessing (an unsplittable
 * {@code Lead.Contact}, an unknown value-map code) is left open as well and reported. The
 * required-field gate stops a record whose required columns would be empty
 * ({@code validation_failed}). Text longer than its Creatio column ({@code MaxLength} in
 * {@code $metadata}) meets its field's {@link Overflow} rule first: truncated with an ellipsis (a
 * note for the sync log), rejected ({@code validation_failed} naming the column and its size), or
 * passed on to Creatio as it is.</li>
 * <li><b>Writes</b> of only the changed columns, combined by the {@link WriteBatcher}.</li>
 * <li><b>One result per command</b> (and its mismatches); transient failures are answered as
 * retryable, the last allowed attempt as failed with a dead letter.</li>
 * </ol>
 */
@ApplicationScoped
public class RecordSync {

    private final CreatioPort creatio;
    private final WriteBatcher writes;
    private final Duration snapshotMaxAge;

    public RecordSync(CreatioPort creatio, WriteBatcher writes,
            @ConfigProperty(name = "sync-worker.snapshot-max-age", defaultValue = "PT60S") Duration snapshotMaxAge) {
        this.creatio = creatio;
        this.writes = writes;
        this.snapshotMaxAge = snapshotMaxAge;
    }

    /** What became of one command: its result, its mismatches, and a dead-letter reason when it was the last attempt. */
    public record Handled(Envelope<Command> command, Envelope<SyncResult> result, List<Envelope<Mismatch>> mismatches,
            String deadLetterReason, Long retryAfterSeconds) {

        /** Whether the gateway refused for lack of budget (nothing was written). */
        public boolean budgetRefused() {
            Failure f = result.payload().failure();
            return f != null && f.category() == Failure.Category.BUDGET_EXHAUSTED;
        }
    }

    /** One command on its way through the steps. */
    static final class Work {
        final Envelope<Command> envelope;
        final SyncCommand cmd;
        EntityMapping mapping;
        String set;
        List<String> select;
        Map<String, Object> creatioValues;
        Instant creatioModifiedOn;
        UUID creatioId;
        boolean exists;
        boolean linkedNow;
        Action action;
        MergeOutcome merge;
        Map<String, Object> toNia = Map.of();
        final Set<String> open = new LinkedHashSet<>();
        final List<Mismatch> mismatches = new ArrayList<>();
        final List<CallSummary> calls = new ArrayList<>();
        BatchItem write;
        /** Dry run: the Creatio write calls the real run would cost for this record (see {@link WriteBatcher}). */
        int plannedCalls;
        Failure failure;
        MismatchType failureMismatch;
        Long retryAfterSeconds;
        /** The linked Creatio record no longer exists while NIA changed it: an {@code update_vs_delete}. */
        boolean creatioDeleted;
        /** The create found a record with its id already there (an earlier attempt made it): it is merged next. */
        boolean existed;
        /** That record as Creatio holds it, when the create's answer carried it; otherwise it is read. */
        Map<String, Object> existing;
        /** Text column → size, for the columns of this record's set that have one. */
        Map<String, Integer> maxLengths = Map.of();
        /** Column → its NIA value's length, for each value the overflow rule truncated. */
        final Map<String, Integer> truncated = new TreeMap<>();
        final List<String> notes = new ArrayList<>();

        Work(Envelope<Command> envelope) {
            this.envelope = envelope;
            this.cmd = (SyncCommand) envelope.payload();
        }

        boolean failed() {
            return failure != null;
        }
    }

    /** Runs the commands (all of one lane, each record at most once) and answers each. */
    public List<Handled> run(List<Envelope<Command>> commands, CreatioConfiguration config, String handledBy) {
        List<Work> works = commands.stream().map(Work::new).toList();
        Lane lane = works.isEmpty() ? Lane.BULK : works.get(0).cmd.lane();
        for (Work w : works) {
            prepare(w, config);
        }
        readLinked(lane, works);
        linkUnlinked(lane, works);
        readSizes(lane, works);
        for (Work w : works) {
            if (!w.failed() && w.action == null) {
                decide(w);
            }
        }
        writes.write(lane, works, config.batchSizes().writeBatchSize());
        List<Work> existed = works.stream().filter(w -> w.existed && !w.failed()).toList();
        if (!existed.isEmpty()) {
            mergeWithExisting(lane, existed, config.batchSizes().writeBatchSize());
        }
        List<Handled> handled = new ArrayList<>();
        for (Work w : works) {
            handled.add(answer(w, handledBy));
        }
        return handled;
    }

    /**
     * Creates that met a record with their id (Creatio's duplicate key: an earlier attempt created it
     * and its result was lost): each is decided again against that record, as a first sync of a linked
     * one, and written only if something differs. The records the gateway's answers did not carry are
     * read in one batched read per set.
     */
    private void mergeWithExisting(Lane lane, List<Work> existed, int batchSize) {
        for (Work w : existed) {
            w.write = null;
            w.action = null;
            w.merge = null;
            w.exists = false;
            w.creatioValues = null;
            w.notes.clear();
            if (w.existing != null) {
                found(w, w.existing);
            }
        }
        readLinked(lane, existed);
        for (Work w : existed) {
            if (!w.failed() && w.action == null) {
                decide(w);
            }
        }
        writes.write(lane, existed, batchSize);
    }

    /** What the {@link WriteBatcher} learnt: this create's id existed in Creatio already. */
    static void existed(Work w, Map<String, Object> existing) {
        w.existed = true;
        w.existing = existing;
    }

    /**
     * A record not yet linked, with its pre-allocated id, is created without reading that id first;
     * a dry run still reads, so that its plan says what the real run would do.
     */
    private static boolean createsFirst(Work w) {
        return !w.existed && w.cmd.entity().creatioId() == null && w.cmd.allocatedCreatioId() != null
                && w.cmd.operation() == Operation.UPSERT && !w.cmd.dryRun();
    }

    // ---- 1. what each command needs

    private void prepare(Work w, CreatioConfiguration config) {
        Optional<EntityMapping> mapping = config.mapping(w.cmd.entity().entityType());
        if (mapping.isEmpty()) {
            w.failure = new Failure(Failure.Category.CONFIGURATION,
                    "no mapping for entity type " + w.cmd.entity().entityType().wire(), null, null);
            return;
        }
        w.mapping = mapping.get();
        w.set = w.mapping.entitySet();
        Set<String> select = new LinkedHashSet<>(List.of("Id", "ModifiedOn"));
        w.mapping.fields().forEach(f -> select.add(f.creatioColumn()));
        if (w.mapping.linkBy() != null) {
            addIfPresent(select, w.mapping.linkBy().emailColumn());
            addIfPresent(select, w.mapping.linkBy().niaIdColumn());
        }
        addIfPresent(select, w.mapping.deactivateColumn());
        w.select = List.copyOf(select);
        w.creatioId = w.cmd.entity().creatioId();
        if (w.cmd.creatioSnapshot() != null && w.cmd.creatioSnapshot().readAt() != null
                && w.cmd.creatioSnapshot().readAt().isAfter(Instant.now().minus(snapshotMaxAge))) {
            w.exists = !w.cmd.creatioSnapshot().deleted() && w.creatioId != null;
            w.creatioValues = CanonicalValues.canonical(w.cmd.creatioSnapshot().values());
            w.creatioModifiedOn = w.cmd.creatioSnapshot().modifiedOn();
        }
    }

    // ---- 2. Creatio's state: one GET for a lone real-time command, else batched reads per set

    private void readLinked(Lane lane, List<Work> works) {
        Map<String, List<Work>> bySet = new LinkedHashMap<>();
        for (Work w : works) {
            if (w.failed() || w.creatioValues != null || createsFirst(w)) {
                continue;
            }
            UUID id = w.creatioId != null ? w.creatioId : w.cmd.allocatedCreatioId();
            if (id != null) {
                bySet.computeIfAbsent(w.set, s -> new ArrayList<>()).add(w);
            }
        }
        for (Map.Entry<String, List<Work>> e : bySet.entrySet()) {
            List<Work> group = e.getValue();
            if (group.size() == 1 && lane == Lane.REALTIME) {
                Work w = group.get(0);
                UUID id = idToRead(w);
                Optional<Map<String, Object>> one = timed(group, "GET " + e.getKey(), 200, null,
                        () -> creatio.get(lane, e.getKey(), id, w.select));
                if (one == null) {
                    continue;
                }
                found(w, one.orElse(null));
                continue;
            }
            List<UUID> ids = group.stream().map(RecordSync::idToRead).distinct().toList();
            ReadManyResponse many = timed(group, "GET " + e.getKey() + " (by ids)", 200, group.size(),
                    () -> creatio.read(lane, e.getKey(), ids, group.get(0).select));
            if (many == null) {
                continue;
            }
            Map<UUID, Map<String, Object>> byId = new HashMap<>();
            for (Map<String, Object> r : many.records()) {
                byId.put(UUID.fromString(String.valueOf(r.get("Id"))), r);
            }
            for (Work w : group) {
                found(w, byId.get(idToRead(w)));
            }
        }
    }

    private static UUID idToRead(Work w) {
        return w.creatioId != null ? w.creatioId : w.cmd.allocatedCreatioId();
    }

    private static void found(Work w, Map<String, Object> record) {
        if (record == null) {
            w.exists = false;
            w.creatioValues = null;
            return;
        }
        w.exists = true;
        if (w.creatioId == null) {
            // an earlier attempt created it with the allocated id and its result was lost
            w.creatioId = w.cmd.allocatedCreatioId();
        }
        w.creatioValues = CanonicalValues.canonical(record);
        Object modified = w.creatioValues.get("ModifiedOn");
        w.creatioModifiedOn = modified instanceof Instant i ? i : null;
    }

    // ---- first sync: link an existing Creatio record instead of creating a duplicate

    private void linkUnlinked(Lane lane, List<Work> works) {
        Map<String, Map<String, List<Work>>> byQuery = new LinkedHashMap<>();
        for (Work w : works) {
            if (w.failed() || w.exists || w.cmd.entity().creatioId() != null || w.mapping.linkBy() == null
                    || !(w.cmd.operation() == Operation.UPSERT || w.cmd.operation() == Operation.LINK)) {
                continue;
            }
            String column = null;
            Object value = null;
            if (w.mapping.linkBy().niaIdColumn() != null) {
                column = w.mapping.linkBy().niaIdColumn();
                value = w.cmd.entity().localId().toString();
            } else if (w.mapping.linkBy().emailColumn() != null) {
                column = w.mapping.linkBy().emailColumn();
                value = CanonicalValues.canonical(w.cmd.niaSnapshot().get(column));
            }
            if (column == null || value == null || value.toString().isBlank()) {
                continue;
            }
            byQuery.computeIfAbsent(w.set + "\u0000" + column, k -> new LinkedHashMap<>())
                    .computeIfAbsent(value.toString().strip().toLowerCase(java.util.Locale.ROOT), k -> new ArrayList<>()).add(w);
        }
        for (Map.Entry<String, Map<String, List<Work>>> e : byQuery.entrySet()) {
            String[] setAndColumn = e.getKey().split("\u0000");
            List<Work> group = e.getValue().values().stream().flatMap(List::stream).toList();
            List<String> values = List.copyOf(e.getValue().keySet());
            FindResponse found = timed(group, "GET " + setAndColumn[0] + " (find by " + setAndColumn[1] + ")", 200,
                    group.size() > 1 ? group.size() : null,
                    () -> creatio.find(lane, setAndColumn[0], setAndColumn[1], values, group.get(0).select));
            if (found == null) {
                continue;
            }
            for (Map.Entry<String, List<Work>> byValue : e.getValue().entrySet()) {
                List<Map<String, Object>> matches = found.matches().getOrDefault(byValue.getKey(), List.of());
                for (Work w : byValue.getValue()) {
                    if (matches.size() == 1) {
                        found(w, matches.get(0));
                        w.creatioId = UUID.fromString(String.valueOf(matches.get(0).get("Id")));
                        w.linkedNow = true;
                    } else if (matches.size() > 1) {
                        duplicate(w, matches);
                    }
                }
            }
        }
    }

    private static void duplicate(Work w, List<Map<String, Object>> matches) {
        List<UUID> candidates = matches.stream().map(m -> UUID.fromString(String.valueOf(m.get("Id")))).sorted().toList();
        w.action = Action.CONFLICT;
        w.open.add("Id");
        w.mismatches.add(mismatch(w, MismatchType.DUPLICATE_MATCH, null, null, null, null, ConflictPolicy.MANUAL, null, null,
                candidates.size() + " Creatio " + w.set + " records match this NIA record by "
                        + w.mapping.linkBy().emailColumn() + "; pick one to link",
                candidates, null));
    }

    // ---- column sizes, for the overflow rule (the gateway's cached $metadata; no Creatio call)

    private void readSizes(Lane lane, List<Work> works) {
        Map<String, List<Work>> bySet = new LinkedHashMap<>();
        for (Work w : works) {
            boolean sized = !w.failed() && w.action == null && w.cmd.operation() != Operation.DELETE
                    && w.mapping.fields().stream().anyMatch(f -> f.overflowRule() != Overflow.PASS);
            if (sized) {
                bySet.computeIfAbsent(w.set, s -> new ArrayList<>()).add(w);
            }
        }
        for (Map.Entry<String, List<Work>> e : bySet.entrySet()) {
            try {
                Map<String, Integer> sizes = creatio.maxLengths(lane, e.getKey());
                e.getValue().forEach(w -> w.maxLengths = sizes);
            } catch (GatewayException ex) {
                e.getValue().forEach(w -> fail(w, ex));
            }
        }
    }

    /**
     * NIA values longer than their column, under rule {@code truncate}, cut to fit before the merge:
     * the base then holds what Creatio holds, so the cut value is no change on either side next time.
     */
    private static Map<String, Object> truncate(Work w, Map<String, Object> nia) {
        Map<String, Object> fitted = new HashMap<>(nia);
        for (FieldMapping f : w.mapping.fields()) {
            Integer size = w.maxLengths.get(f.creatioColumn());
            if (size != null && f.overflowRule() == Overflow.TRUNCATE && f.direction() != Direction.FROM_CREATIO
                    && f.direction() != Direction.NONE && nia.get(f.creatioColumn()) instanceof String text
                    && text.length() > size) {
                fitted.put(f.creatioColumn(), Overflow.cut(text, size));
                w.truncated.put(f.creatioColumn(), text.length());
            }
        }
        return fitted;
    }

    /**
     * The overflow rule on the values about to be written: a value still longer than its column under
     * {@code reject} stops the record ({@code validation_failed}); each truncated one gets its note.
     */
    private static boolean fits(Work w, Map<String, Object> written) {
        for (FieldMapping f : w.mapping.fields()) {
            Integer size = w.maxLengths.get(f.creatioColumn());
            Object value = written.get(f.creatioColumn());
            if (size != null && f.overflowRule() == Overflow.REJECT && value instanceof String text && text.length() > size) {
                // worded so that the sync log's redaction (which masks the word after "value") keeps the numbers
                String detail = w.set + "." + f.creatioColumn() + " (NIA field " + f.niaField() + ") holds at most " + size
                        + " characters, " + text.length() + " given (overflow rule reject)";
                w.failure = new Failure(Failure.Category.VALIDATION, detail, null, null);
                w.failureMismatch = MismatchType.VALIDATION_FAILED;
                w.mismatches.add(mismatch(w, MismatchType.VALIDATION_FAILED, f.creatioColumn(), null, null, null,
                        ConflictPolicy.MANUAL, null, null, "validation_failed: " + detail + "; shorten the value in NIA",
                        null, detail));
                return false;
            }
        }
        w.truncated.forEach((column, from) -> {
            if (written.containsKey(column)) {
                w.notes.add(w.set + "." + column + " truncated from " + from + " to "
                        + ((String) written.get(column)).length() + " characters (column size "
                        + w.maxLengths.get(column) + ", overflow rule truncate)");
            }
        });
        return true;
    }

    // ---- 3. the decision per record

    private void decide(Work w) {
        SyncCommand c = w.cmd;
        if (c.operation() == Operation.DELETE) {
            decideDelete(w);
            return;
        }
        Map<String, FieldRule> rules = FieldMapper.rules(w.mapping);
        if (c.operation() == Operation.PULL) {
            // from Creatio only: NIA's own changes wait for their own command
            Map<String, FieldRule> pull = new LinkedHashMap<>();
            rules.forEach((col, r) -> pull.put(col, r.direction() == Direction.BOTH
                    ? new FieldRule(col, Direction.FROM_CREATIO, r.policy()) : r));
            rules = pull;
        }
        Map<String, Object> nia = truncate(w,
                CanonicalValues.canonical(c.niaSnapshot() == null ? Map.of() : c.niaSnapshot()));
        if (!w.exists) {
            if (c.operation() == Operation.UPDATE) {
                // NIA changed a record that was deleted in Creatio: a person restores it there or deletes it in NIA
                gone(w);
                return;
            }
            if (c.operation() == Operation.PULL) {
                w.failure = new Failure(Failure.Category.PERMANENT, "the linked Creatio " + w.set
                        + " record no longer exists (deleted in Creatio)", 404, null);
                return;
            }
            Map<String, Object> columns = new TreeMap<>();
            for (FieldRule r : rules.values()) {
                Object v = nia.get(r.column());
                if (v != null && (r.direction() == Direction.BOTH || r.direction() == Direction.TO_CREATIO)) {
                    columns.put(r.column(), v);
                }
            }
            if (!gate(w, columns) || !fits(w, columns)) {
                return;
            }
            Map<String, Object> base = new TreeMap<>();
            rules.keySet().forEach(col -> base.put(col, nia.get(col)));
            w.merge = new MergeOutcome(columns, Map.of(), base, List.of(), Set.of());
            // a restore recreates the record with the Id it had (the planner allocates it), so links elsewhere hold
            w.creatioId = c.allocatedCreatioId() != null ? c.allocatedCreatioId() : w.creatioId;
            w.creatioValues = new TreeMap<>();
            w.action = c.operation() == Operation.RESTORE ? Action.RESTORE : Action.CREATE;
            w.write = new BatchItem("create", w.set, w.creatioId, Writes.forCreate(columns));
            return;
        }
        boolean firstSync = c.base() == null;
        MergeOutcome merge = ThreeWayMerge.merge(new MergeInput(rules, firstSync ? null : c.base().values(), nia,
                w.creatioValues, c.niaUpdatedAt(), w.creatioModifiedOn,
                w.mapping.firstSyncPolicy() == null ? ConflictPolicy.CREATIO_WINS : w.mapping.firstSyncPolicy()));
        Map<String, Object> toNia = new TreeMap<>(merge.toNia());
        Map<String, Object> newBase = new TreeMap<>(merge.newBase());
        w.open.addAll(merge.openFields());
        // a Creatio value NIA cannot take without guessing stays open for a person
        if (!toNia.isEmpty()) {
            FieldMapper.Inverse inverse = FieldMapper.toNia(w.mapping, toNia,
                    c.niaFields() == null ? Map.of() : c.niaFields());
            for (FieldMapper.Unmappable u : inverse.problems()) {
                toNia.remove(u.column());
                // the agreed value stays NIA's own: the next merge sees this same Creatio change (open again, reported
                // again) and never an NIA change to write over it; only an NIA edit after this is a collision
                newBase.put(u.column(), nia.get(u.column()));
                w.open.add(u.column());
                w.mismatches.add(mismatch(w, MismatchType.FIELD_MISMATCH, u.column(),
                        firstSync ? null : c.base().values().get(u.column()), nia.get(u.column()), u.creatioValue(),
                        ConflictPolicy.MANUAL, null, null, "manual: " + u.reason(), null, null));
            }
        }
        for (FieldConflict fc : merge.conflicts()) {
            Side winner = fc.decision().winner();
            Object decided = winner == Side.NIA ? fc.niaValue() : winner == Side.CREATIO ? fc.creatioValue() : null;
            if (winner == Side.CREATIO && !toNia.containsKey(fc.column())) {
                continue; // already reported as not mappable back
            }
            w.mismatches.add(mismatch(w, MismatchType.FIELD_MISMATCH, fc.column(), fc.baseValue(), fc.niaValue(),
                    fc.creatioValue(), fc.decision().policy(), winner, decided, fc.decision().reason(), null, null));
        }
        Map<String, Object> after = new TreeMap<>(w.creatioValues);
        after.putAll(merge.toCreatio());
        if (!merge.toCreatio().isEmpty() && (!gate(w, after) || !fits(w, merge.toCreatio()))) {
            return;
        }
        w.merge = new MergeOutcome(merge.toCreatio(), toNia, newBase, merge.conflicts(), Set.copyOf(w.open));
        w.toNia = toNia;
        if (!merge.toCreatio().isEmpty()) {
            w.write = new BatchItem("update", w.set, w.creatioId,
                    Writes.forUpdate(merge.toCreatio(), w.creatioValues));
        }
        if (w.linkedNow) {
            w.action = Action.LINK;
        } else if (!w.open.isEmpty() && merge.toCreatio().isEmpty() && toNia.isEmpty()) {
            w.action = Action.CONFLICT;
        } else if (merge.toCreatio().isEmpty() && toNia.isEmpty()) {
            w.action = Action.NO_OP;
        } else {
            w.action = Action.UPDATE;
        }
    }

    /**
     * The linked Creatio record is gone (deleted there) while NIA changed it: nothing is written, the
     * record waits for a person ({@code update_vs_delete}: restore it in Creatio, or delete it in NIA).
     */
    static void gone(Work w) {
        w.action = Action.CONFLICT;
        w.creatioDeleted = true;
        w.write = null;
        w.merge = null;
        w.toNia = Map.of();
        w.open.add("Id");
        w.mismatches.add(mismatch(w, MismatchType.UPDATE_VS_DELETE, null, null, null, null, ConflictPolicy.MANUAL, null, null,
                "update_vs_delete: NIA changed this record after it was deleted in Creatio (" + w.set + " "
                        + w.creatioId + "); restore it in Creatio or delete it in NIA", null, null));
    }

    private void decideDelete(Work w) {
        if (!w.exists || w.creatioId == null) {
            w.action = Action.NO_OP;
            return;
        }
        switch (w.mapping.deleteMode()) {
            case DELETE -> {
                w.action = Action.DELETE;
                w.write = new BatchItem("delete", w.set, w.creatioId, null);
            }
            case DEACTIVATE -> {
                Object now = w.creatioValues == null ? null : w.creatioValues.get(w.mapping.deactivateColumn());
                if (CanonicalValues.same(CanonicalValues.canonical(now), CanonicalValues.canonical(w.mapping.deactivateValue()))) {
                    // deactivated already (by an earlier attempt, or this command was planned by a pull seeing that write)
                    w.action = Action.NO_OP;
                    return;
                }
                w.action = Action.DEACTIVATE;
                Map<String, Object> columns = new TreeMap<>();
                columns.put(w.mapping.deactivateColumn(), w.mapping.deactivateValue());
                w.write = new BatchItem("update", w.set, w.creatioId, columns);
            }
            default -> w.action = Action.NO_OP;
        }
    }

    /** The required-field gate: every required column must have a value after the write. */
    private static boolean gate(Work w, Map<String, Object> valuesAfter) {
        if (w.mapping.requiredFields() == null) {
            return true;
        }
        for (String required : w.mapping.requiredFields()) {
            if (CanonicalValues.canonical(valuesAfter.get(required)) == null) {
                String detail = "required column " + w.set + "." + required + " would be empty";
                w.failure = new Failure(Failure.Category.VALIDATION, detail, null, null);
                w.failureMismatch = MismatchType.VALIDATION_FAILED;
                w.mismatches.add(mismatch(w, MismatchType.VALIDATION_FAILED, required, null,
                        w.cmd.niaSnapshot() == null ? null : w.cmd.niaSnapshot().get(required), null, ConflictPolicy.MANUAL,
                        null, null, "validation_failed: " + detail + "; correct the value in NIA", null, detail));
                return false;
            }
        }
        return true;
    }

    // ---- 5. the answer

    private Handled answer(Work w, String handledBy) {
        SyncCommand c = w.cmd;
        if (w.failed()) {
            return failedAnswer(w, handledBy);
        }
        SyncResult.Builder result = SyncResult.answering(c, outcome(w), handledBy).action(w.action).calls(List.copyOf(w.calls))
                .openFields(List.copyOf(w.open)).creatioModifiedOn(w.creatioModifiedOn).notes(List.copyOf(w.notes));
        if (c.dryRun()) {
            result.plannedCalls(w.plannedCalls);
        }
        if (w.creatioDeleted) {
            result.creatioDeleted(true);
        }
        if (c.operation() == Operation.RESTORE && !w.creatioDeleted) {
            // the update_vs_delete is over: the record exists in Creatio again
            result.closedFields(List.of("Id"));
        }
        UUID id = w.creatioId;
        if (id != null && w.action != Action.CONFLICT || w.action == Action.CONFLICT && w.exists) {
            result.entity(c.entity().withCreatioId(id));
        }
        if (w.merge != null) {
            List<FieldChange> changes = new ArrayList<>();
            w.merge.toCreatio().forEach((col, v) -> changes.add(new FieldChange(col, Side.CREATIO,
                    w.creatioValues == null ? null : w.creatioValues.get(col), v)));
            w.toNia.forEach((col, v) -> changes.add(new FieldChange(col, Side.NIA,
                    c.niaSnapshot() == null ? null : CanonicalValues.canonical(c.niaSnapshot().get(col)), v)));
            result.changes(changes).pulledValues(w.toNia.isEmpty() ? null : new TreeMap<>(w.toNia))
                    .newBase(newBase(w));
        }
        List<Envelope<Mismatch>> mismatches = w.mismatches.stream().map(m -> Envelope.mismatch(w.envelope, m)).toList();
        return new Handled(w.envelope, Envelope.result(w.envelope, result.build()), mismatches, null, null);
    }

    private static Outcome outcome(Work w) {
        if (w.cmd.dryRun()) {
            return Outcome.PLANNED;
        }
        if (!w.open.isEmpty()) {
            return Outcome.CONFLICT;
        }
        return w.action == Action.NO_OP ? Outcome.NO_CHANGE : Outcome.SYNCED;
    }

    private static BaseSnapshot newBase(Work w) {
        Map<String, Object> nia = new TreeMap<>();
        Map<String, Object> creatio = new TreeMap<>();
        Map<String, Object> niaSnapshot = CanonicalValues.canonical(w.cmd.niaSnapshot() == null ? Map.of() : w.cmd.niaSnapshot());
        for (String col : w.merge.newBase().keySet()) {
            nia.put(col, w.toNia.containsKey(col) ? w.toNia.get(col) : niaSnapshot.get(col));
            creatio.put(col, w.merge.toCreatio().containsKey(col) ? w.merge.toCreatio().get(col)
                    : w.creatioValues == null ? null : w.creatioValues.get(col));
        }
        return new BaseSnapshot(w.merge.newBase(), CanonicalHash.of(nia), CanonicalHash.of(creatio), Instant.now());
    }

    private Handled failedAnswer(Work w, String handledBy) {
        SyncCommand c = w.cmd;
        Failure f = w.failure;
        Outcome outcome;
        String deadLetter = null;
        if (f.category() == Failure.Category.BUDGET_EXHAUSTED) {
            outcome = Outcome.RETRYABLE_FAILURE;
        } else if (f.category() == Failure.Category.TRANSIENT) {
            if (c.lastAttempt()) {
                outcome = Outcome.FAILED;
                deadLetter = "retries exhausted after attempt " + c.attempt() + " of " + (c.maxRetries() + 1) + ": "
                        + f.message();
            } else {
                outcome = Outcome.RETRYABLE_FAILURE;
            }
        } else {
            outcome = Outcome.FAILED;
            if (f.category() == Failure.Category.VALIDATION && w.failureMismatch == null) {
                w.mismatches.add(mismatch(w, MismatchType.VALIDATION_FAILED, null, null, null, null, ConflictPolicy.MANUAL,
                        null, null, "validation_failed: Creatio refused the values; correct them in NIA", null, f.message()));
            }
        }
        SyncResult result = SyncResult.answering(c, outcome, handledBy).failure(f).calls(List.copyOf(w.calls))
                .action(w.action).build();
        List<Envelope<Mismatch>> mismatches = w.mismatches.stream().map(m -> Envelope.mismatch(w.envelope, m)).toList();
        return new Handled(w.envelope, Envelope.result(w.envelope, result), mismatches, deadLetter, w.retryAfterSeconds);
    }

    static Mismatch mismatch(Work w, MismatchType type, String field, Object base, Object nia, Object creatio,
            ConflictPolicy policy, Side winner, Object decided, String reason, List<UUID> candidates, String detail) {
        SyncCommand c = w.cmd;
        // the Creatio id when known (e.g. linked by this very command), so a decision can be carried out there
        EntityKey entity = c.entity().creatioId() == null && w.exists && w.creatioId != null
                ? c.entity().withCreatioId(w.creatioId) : c.entity();
        return new Mismatch(c.commandId(), c.attempt(), type, entity, field, CanonicalValues.canonical(base),
                CanonicalValues.canonical(nia), CanonicalValues.canonical(creatio), c.niaUpdatedAt(), w.creatioModifiedOn,
                policy, winner, CanonicalValues.canonical(decided), reason, candidates, detail, c.configVersion(), c.dryRun(),
                c.runId(), Instant.now(), null, c.niaVersion());
    }

    // ---- calls, timed and shared by the commands they serve

    /** Runs one gateway call for a group of commands; a failure fails them all and answers null. */
    private static <T> T timed(List<Work> group, String operation, int okStatus, Integer batchSize, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T value = call.get();
            record(group, new CallSummary(operation, okStatus, (System.nanoTime() - start) / 1_000_000, batchSize));
            return value;
        } catch (GatewayException e) {
            record(group, new CallSummary(operation, e.status(), (System.nanoTime() - start) / 1_000_000, batchSize));
            for (Work w : group) {
                fail(w, e);
            }
            return null;
        }
    }

    static void record(List<Work> group, CallSummary call) {
        for (Work w : group) {
            w.calls.add(call);
        }
    }

    static void fail(Work w, GatewayException e) {
        w.failure = e.failure();
        w.retryAfterSeconds = e.retryAfterSeconds();
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null && !value.isBlank()) {
            set.add(value);
        }
    }

    /** Column values as Creatio takes them. */
    static final class Writes {
        private Writes() {
        }

        /** A create sends only the columns that have a value. */
        static Map<String, Object> forCreate(Map<String, Object> columns) {
            Map<String, Object> out = new TreeMap<>();
            columns.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, v);
                }
            });
            return out;
        }

        /**
         * An update clears a column the way Creatio stores "empty": a text becomes {@code ""}, a
         * lookup the zero GUID; other types (numbers, dates) are sent as null.
         */
        static Map<String, Object> forUpdate(Map<String, Object> columns, Map<String, Object> current) {
            Map<String, Object> out = new TreeMap<>();
            columns.forEach((k, v) -> {
                if (v != null) {
                    out.put(k, v);
                } else if (k.endsWith("Id")) {
                    out.put(k, CanonicalValues.ZERO_GUID);
                } else if (current == null || current.get(k) == null || current.get(k) instanceof String) {
                    out.put(k, "");
                } else {
                    out.put(k, null);
                }
            });
            return out;
        }
    }
}
