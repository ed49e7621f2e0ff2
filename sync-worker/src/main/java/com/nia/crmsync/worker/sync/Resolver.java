package com.nia.crmsync.worker.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
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
 * Carries out a person's decision on a conflict ({@link ResolveCommand}, real-time lane) as a
 * compare-and-set. The worker sees only Creatio, so each side is checked where it is written:
 * <ul>
 * <li><b>Creatio</b>, here: the record is read (one GET); the chosen value is written only if the
 * column still holds the value the decision saw (or already holds the chosen one: a redelivery),
 * otherwise nothing is written and the answer is {@code superseded}.</li>
 * <li><b>NIA</b>, by {@code sync-api} in the transaction that applies the result: the result carries
 * the value NIA must take ({@code pulledValues}) and the value the decision saw there
 * ({@code niaValuesSeen}).</li>
 * </ul>
 * Whole-record decisions: {@code pick_creatio_record} checks that the chosen record exists and
 * answers the link; {@code delete_in_nia} and {@code restore_in_creatio} check that the record is
 * still gone in Creatio — the first answers that NIA deletes it, the second that {@code sync-api}
 * plans the {@code restore} command (NIA's values are not in this command), whose own result
 * closes the conflict. A gateway failure is answered {@code failed} with its category (transient
 * or budget: a person may retry); nothing is dead-lettered, since a person waits for the answer.
 */
@ApplicationScoped
public class Resolver {

    /** The pseudo-column of whole-record conflicts ({@code update_vs_delete}, {@code duplicate_match}). */
    public static final String ID = "Id";

    private final CreatioPort creatio;

    public Resolver(CreatioPort creatio) {
        this.creatio = creatio;
    }

    /** Carries out one decision and answers it (never a mismatch: a decision finds no new disagreement). */
    public RecordSync.Handled run(Envelope<Command> envelope, CreatioConfiguration config, String handledBy) {
        ResolveCommand c = (ResolveCommand) envelope.payload();
        List<CallSummary> calls = new ArrayList<>();
        SyncResult.Builder result;
        try {
            result = carryOut(c, config, calls, handledBy);
        } catch (GatewayException e) {
            result = SyncResult.answering(c, Outcome.FAILED, handledBy).failure(e.failure());
        }
        SyncResult answer = result.calls(List.copyOf(calls)).build();
        return new RecordSync.Handled(envelope, Envelope.result(envelope, answer), List.of(), null, null);
    }

    private SyncResult.Builder carryOut(ResolveCommand c, CreatioConfiguration config, List<CallSummary> calls,
            String handledBy) {
        if (c.strategy() == null || c.conflictType() == null) {
            return failed(c, handledBy, Failure.Category.PERMANENT, "a resolve command needs its conflictType and strategy");
        }
        if (!fits(c.strategy(), c.conflictType())) {
            return failed(c, handledBy, Failure.Category.PERMANENT,
                    "strategy " + c.strategy().wire() + " does not resolve a " + c.conflictType().wire());
        }
        Optional<EntityMapping> mapping = config.mapping(c.entity().entityType());
        if (mapping.isEmpty()) {
            return failed(c, handledBy, Failure.Category.CONFIGURATION,
                    "no mapping for entity type " + c.entity().entityType().wire());
        }
        Target t = new Target(mapping.get());
        return switch (c.strategy()) {
            case LOCAL_WINS, CREATIO_WINS, MANUAL_MERGE, CORRECTED_VALUE -> field(c, t, calls, handledBy);
            case PICK_CREATIO_RECORD -> pick(c, t, calls, handledBy);
            case RESTORE_IN_CREATIO, DELETE_IN_NIA -> deleted(c, t, calls, handledBy);
        };
    }

    /** Which strategies resolve which conflict type. */
    static boolean fits(ResolutionStrategy strategy, MismatchType type) {
        return switch (strategy) {
            case LOCAL_WINS, CREATIO_WINS, MANUAL_MERGE -> type == MismatchType.FIELD_MISMATCH;
            case RESTORE_IN_CREATIO, DELETE_IN_NIA -> type == MismatchType.UPDATE_VS_DELETE;
            case PICK_CREATIO_RECORD -> type == MismatchType.DUPLICATE_MATCH;
            case CORRECTED_VALUE -> type == MismatchType.VALIDATION_FAILED;
        };
    }

    /** The entity set and the columns read, as the sync engine reads them. */
    private static final class Target {
        final EntityMapping mapping;
        final String set;
        final List<String> select;

        Target(EntityMapping mapping) {
            this.mapping = mapping;
            this.set = mapping.entitySet();
            Set<String> columns = new LinkedHashSet<>(List.of(ID, "ModifiedOn"));
            mapping.fields().forEach(f -> columns.add(f.creatioColumn()));
            this.select = List.copyOf(columns);
        }
    }

    // ---- field_mismatch (local_wins, creatio_wins, manual_merge) and validation_failed (corrected_value)

    private SyncResult.Builder field(ResolveCommand c, Target t, List<CallSummary> calls, String handledBy) {
        String column = c.field();
        if (column == null || !FieldMapper.rules(t.mapping).containsKey(column)) {
            return failed(c, handledBy, Failure.Category.PERMANENT, column == null
                    ? c.strategy().wire() + " needs the field decided"
                    : "column " + column + " is not mapped for " + c.entity().entityType().wire());
        }
        Object chosen = CanonicalValues.canonical(c.chosenValue());
        Object niaSeen = CanonicalValues.canonical(c.niaValueSeen());
        Object creatioSeen = CanonicalValues.canonical(c.creatioValueSeen());
        if (chosen == null && t.mapping.requiredFields() != null && t.mapping.requiredFields().contains(column)) {
            return failed(c, handledBy, Failure.Category.VALIDATION, "required column " + t.set + "." + column
                    + " cannot be emptied");
        }
        boolean niaTakes = !CanonicalValues.same(chosen, niaSeen);
        if (niaTakes && !composite(t.mapping, column)) {
            // checked before anything is written: a value NIA cannot hold is refused on both sides
            FieldMapper.Inverse inverse = FieldMapper.toNia(t.mapping, single(column, chosen), Map.of());
            if (!inverse.problems().isEmpty()) {
                return failed(c, handledBy, Failure.Category.VALIDATION, inverse.problems().get(0).reason());
            }
        }
        List<FieldChange> changes = new ArrayList<>();
        SyncResult.Builder result;
        UUID id = c.entity().creatioId();
        if (id != null) {
            Optional<Map<String, Object>> read = call(calls, "GET " + t.set, 200,
                    () -> creatio.get(Lane.REALTIME, t.set, id, t.select));
            if (read.isEmpty()) {
                // deleted in Creatio since the decision: the next sync reports it as an update_vs_delete
                return SyncResult.answering(c, Outcome.SUPERSEDED, handledBy).action(Action.NO_OP)
                        .openFields(List.of(column)).creatioDeleted(true);
            }
            Map<String, Object> current = new TreeMap<>(CanonicalValues.canonical(read.get()));
            Object now = current.get(column);
            if (!CanonicalValues.same(now, chosen)) {
                if (!CanonicalValues.same(now, creatioSeen)) {
                    // Creatio moved since the person decided: nothing is written on either side
                    return SyncResult.answering(c, Outcome.SUPERSEDED, handledBy).action(Action.NO_OP)
                            .openFields(List.of(column)).creatioModifiedOn(modifiedOn(current));
                }
                Map<String, Object> patch = RecordSync.Writes.forUpdate(single(column, chosen), current);
                try {
                    call(calls, "PATCH " + t.set, 204, () -> {
                        creatio.update(Lane.REALTIME, t.set, id, patch);
                        return null;
                    });
                } catch (GatewayException e) {
                    if (!notFound(e)) {
                        throw e;
                    }
                    return SyncResult.answering(c, Outcome.SUPERSEDED, handledBy).action(Action.NO_OP)
                            .openFields(List.of(column)).creatioDeleted(true);
                }
                changes.add(new FieldChange(column, Side.CREATIO, now, chosen));
                current.put(column, chosen);
            }
            Map<String, Object> mapped = new TreeMap<>();
            FieldMapper.rules(t.mapping).keySet().forEach(col -> mapped.put(col, current.get(col)));
            result = SyncResult.answering(c, Outcome.SYNCED, handledBy).creatioModifiedOn(modifiedOn(current))
                    // the decided column only; the Creatio hash is of the whole mapped record after the write
                    .newBase(new BaseSnapshot(single(column, chosen), null, CanonicalHash.of(mapped), Instant.now()));
        } else if (c.conflictType() == MismatchType.VALIDATION_FAILED) {
            // refused before it was ever created: NIA takes the corrected value and sync-api plans the create again
            result = SyncResult.answering(c, Outcome.SYNCED, handledBy);
        } else {
            return failed(c, handledBy, Failure.Category.PERMANENT,
                    "the record is not linked to a Creatio record: there is nothing to write in Creatio");
        }
        if (niaTakes) {
            changes.add(new FieldChange(column, Side.NIA, niaSeen, chosen));
            result.pulledValues(single(column, chosen)).niaValuesSeen(single(column, niaSeen));
        }
        return result.action(changes.isEmpty() ? Action.NO_OP : Action.UPDATE).changes(changes)
                .closedFields(List.of(column));
    }

    // ---- duplicate_match (pick_creatio_record)

    private SyncResult.Builder pick(ResolveCommand c, Target t, List<CallSummary> calls, String handledBy) {
        UUID chosen;
        try {
            chosen = UUID.fromString(String.valueOf(c.chosenValue()));
        } catch (IllegalArgumentException notAnId) {
            return failed(c, handledBy, Failure.Category.PERMANENT, "pick_creatio_record needs a Creatio id as its chosen value");
        }
        Optional<Map<String, Object>> read = call(calls, "GET " + t.set, 200,
                () -> creatio.get(Lane.REALTIME, t.set, chosen, t.select));
        if (read.isEmpty()) {
            // the chosen record was deleted meanwhile: the next sync looks for matches again
            return SyncResult.answering(c, Outcome.SUPERSEDED, handledBy).action(Action.NO_OP).openFields(List.of(ID));
        }
        // linked; sync-api plans the record's first merge against the chosen record right after
        return SyncResult.answering(c, Outcome.SYNCED, handledBy).action(Action.LINK)
                .entity(c.entity().withCreatioId(chosen)).closedFields(List.of(ID))
                .creatioModifiedOn(modifiedOn(CanonicalValues.canonical(read.get())));
    }

    // ---- update_vs_delete (restore_in_creatio, delete_in_nia)

    private SyncResult.Builder deleted(ResolveCommand c, Target t, List<CallSummary> calls, String handledBy) {
        UUID id = c.entity().creatioId();
        if (id == null) {
            return failed(c, handledBy, Failure.Category.PERMANENT, "an update_vs_delete names the deleted Creatio id");
        }
        Optional<Map<String, Object>> read = call(calls, "GET " + t.set, 200,
                () -> creatio.get(Lane.REALTIME, t.set, id, t.select));
        if (read.isPresent()) {
            // back in Creatio since the decision (restored or recreated): there is no deletion left to decide
            return SyncResult.answering(c, Outcome.SUPERSEDED, handledBy).action(Action.NO_OP).openFields(List.of(ID));
        }
        if (c.strategy() == ResolutionStrategy.DELETE_IN_NIA) {
            // sync-api soft-deletes the NIA record (keeping its tombstone) in the transaction applying this
            return SyncResult.answering(c, Outcome.SYNCED, handledBy).action(Action.DELETE).creatioDeleted(true)
                    .closedFields(List.of(ID));
        }
        // the NIA values are in sync-api: it plans a restore naming this conflict; that result closes Id
        return SyncResult.answering(c, Outcome.CONFLICT, handledBy).action(Action.RESTORE).creatioDeleted(true)
                .openFields(List.of(ID));
    }

    // ---- helpers

    private static SyncResult.Builder failed(ResolveCommand c, String handledBy, Failure.Category category, String message) {
        return SyncResult.answering(c, Outcome.FAILED, handledBy).failure(new Failure(category, message, null, null));
    }

    private static boolean notFound(GatewayException e) {
        return "CREATIO_NOT_FOUND".equals(e.code()) || Integer.valueOf(404).equals(e.creatioStatus());
    }

    private static boolean composite(EntityMapping mapping, String column) {
        return mapping.fields().stream().anyMatch(f -> f.creatioColumn().equals(column) && f.composedOf() != null
                && !f.composedOf().isEmpty());
    }

    /** A one-entry map that may hold null (an emptied column). */
    private static Map<String, Object> single(String column, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(column, value);
        return m;
    }

    private static Instant modifiedOn(Map<String, Object> canonical) {
        Object v = canonical.get("ModifiedOn");
        return v instanceof Instant i ? i : null;
    }

    /** One gateway call, recorded (with its status when it failed) before a failure ends the attempt. */
    private static <T> T call(List<CallSummary> calls, String operation, int okStatus, Supplier<T> call) {
        long start = System.nanoTime();
        try {
            T value = call.get();
            calls.add(new CallSummary(operation, okStatus, (System.nanoTime() - start) / 1_000_000, null));
            return value;
        } catch (GatewayException e) {
            calls.add(new CallSummary(operation, e.status(), (System.nanoTime() - start) / 1_000_000, null));
            throw e;
        }
    }
}
