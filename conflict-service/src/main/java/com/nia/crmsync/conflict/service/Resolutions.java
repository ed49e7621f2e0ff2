package com.nia.crmsync.conflict.service;

import static java.net.HttpURLConnection.HTTP_BAD_REQUEST;
import static java.net.HttpURLConnection.HTTP_CONFLICT;
import static java.net.HttpURLConnection.HTTP_NOT_FOUND;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;

import com.nia.crmsync.conflict.entity.ConflictStatus;
import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.messaging.outbox.Outbox;
import com.nia.crmsync.conflict.repository.SyncConflictRepository;
import com.nia.crmsync.messaging.ConfigurationView;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * A person's decisions on conflicts. Resolving (or retrying) sets the conflict {@code applying} and
 * writes a {@link ResolveCommand} through the outbox in the same transaction, so the decision and
 * its command commit together; the worker carries it out as a compare-and-set and its result
 * (consumed by {@link ConflictInbox}) ends the {@code applying}. A conflict is locked while it is
 * decided, so of two decisions at once one waits and then gets 409.
 */
@ApplicationScoped
public class Resolutions {

    /** The strategies each conflict type accepts. */
    public static final Map<MismatchType, Set<ResolutionStrategy>> FITTING = Map.of(
            MismatchType.FIELD_MISMATCH, EnumSet.of(ResolutionStrategy.LOCAL_WINS, ResolutionStrategy.CREATIO_WINS,
                    ResolutionStrategy.MANUAL_MERGE),
            MismatchType.UPDATE_VS_DELETE, EnumSet.of(ResolutionStrategy.RESTORE_IN_CREATIO, ResolutionStrategy.DELETE_IN_NIA),
            MismatchType.DUPLICATE_MATCH, EnumSet.of(ResolutionStrategy.PICK_CREATIO_RECORD),
            MismatchType.VALIDATION_FAILED, EnumSet.of(ResolutionStrategy.CORRECTED_VALUE));

    /**
     * What a person decided.
     *
     * @param strategy    how
     * @param mergedValue {@code manual_merge}: the merged value
     * @param value       {@code corrected_value}: the corrected value
     * @param creatioId   {@code pick_creatio_record}: the Creatio record chosen
     * @param comment     why, in the person's words
     */
    public record Decision(ResolutionStrategy strategy, Object mergedValue, Object value, UUID creatioId, String comment) {
    }

    private final SyncConflictRepository conflicts;
    private final Outbox outbox;
    private final ConfigurationView config;

    public Resolutions(SyncConflictRepository conflicts, Outbox outbox, ConfigurationView config) {
        this.conflicts = conflicts;
        this.outbox = outbox;
        this.config = config;
    }

    /** The conflict, or a 404 naming {@code field}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SyncConflict get(UUID id, String field) {
        return conflicts.findByIdOptional(id).orElseThrow(() -> notFound(id, field));
    }

    /**
     * Decides a conflict and sends the decision: {@code applying}, a ResolveCommand in the outbox.
     * 404 unknown, 409 not decidable now (applying, resolved, superseded, dismissed), 400 a strategy
     * that does not fit the type or a missing value.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SyncConflict resolve(UUID id, Decision decision, String user, UUID correlationId) {
        SyncConflict c = conflicts.lockById(id).orElseThrow(() -> notFound(id, "/conflict_id"));
        if (!ConflictStatus.DECIDABLE.contains(c.status())) {
            throw notDecidable(c);
        }
        ResolutionStrategy strategy = decision.strategy();
        if (strategy == null) {
            throw badRequest("a strategy is required", "/strategy", "missing");
        }
        Set<ResolutionStrategy> fitting = FITTING.get(c.type());
        if (!fitting.contains(strategy)) {
            throw badRequest("strategy " + strategy.wire() + " does not fit a " + c.conflictType + " conflict; use one of "
                    + fitting.stream().map(ResolutionStrategy::wire).sorted().toList(), "/strategy", "does not fit the conflict type");
        }
        Object chosen = chosenValue(c, decision);
        c.strategy = strategy.wire();
        c.chosenValueJson = SyncConflict.json(chosen);
        c.comment = decision.comment();
        c.resolvedBy = user;
        c.resolvedAt = null;
        c.lastError = null;
        c.commandId = Ids.random();
        c.commandAttempt = 1;
        c.status(ConflictStatus.APPLYING);
        send(c, correlationId);
        return c;
    }

    /** Sends a failed conflict's decision again (next attempt of the same command); 409 unless {@code failed}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SyncConflict retry(UUID id, UUID correlationId) {
        SyncConflict c = conflicts.lockById(id).orElseThrow(() -> notFound(id, "/id"));
        if (c.status() != ConflictStatus.FAILED || c.strategy == null || c.commandId == null) {
            throw new ProblemException(HTTP_CONFLICT, "Not retryable",
                    "conflict " + id + " is " + c.status + "; only a failed resolution can be retried",
                    List.of(new Problem.FieldError("/status", c.status)));
        }
        c.commandAttempt = c.commandAttempt == null ? 1 : c.commandAttempt + 1;
        c.lastError = null;
        c.status(ConflictStatus.APPLYING);
        send(c, correlationId);
        return c;
    }

    /** Closes a pending or failed conflict without a change; 409 otherwise. */
    @Transactional(Transactional.TxType.MANDATORY)
    public SyncConflict dismiss(UUID id, String comment, String user) {
        SyncConflict c = conflicts.lockById(id).orElseThrow(() -> notFound(id, "/id"));
        if (!ConflictStatus.OPEN.contains(c.status())) {
            throw new ProblemException(HTTP_CONFLICT, "Not dismissable",
                    "conflict " + id + " is " + c.status + "; only pending or failed conflicts can be dismissed",
                    List.of(new Problem.FieldError("/status", c.status)));
        }
        c.status(ConflictStatus.DISMISSED);
        c.comment = comment;
        c.resolvedBy = user;
        c.resolvedAt = Instant.now();
        return c;
    }

    private Object chosenValue(SyncConflict c, Decision d) {
        switch (d.strategy()) {
            case LOCAL_WINS:
                return c.niaValue();
            case CREATIO_WINS:
                return c.creatioValue();
            case MANUAL_MERGE:
                if (d.mergedValue() == null) {
                    throw badRequest("manual_merge needs the merged value", "/merged_value", "required for manual_merge");
                }
                return scalar(d.mergedValue(), "/merged_value");
            case CORRECTED_VALUE:
                if (d.value() == null) {
                    throw badRequest("corrected_value needs the corrected value", "/value", "required for corrected_value");
                }
                return scalar(d.value(), "/value");
            case PICK_CREATIO_RECORD:
                if (d.creatioId() == null) {
                    throw badRequest("pick_creatio_record needs the chosen Creatio record", "/creatio_id",
                            "required for pick_creatio_record");
                }
                List<UUID> candidates = c.candidateCreatioIds();
                if (!candidates.isEmpty() && !candidates.contains(d.creatioId())) {
                    throw badRequest("the chosen Creatio record is not one of the candidates " + candidates, "/creatio_id",
                            "not a candidate");
                }
                return d.creatioId().toString();
            default:
                // restore_in_creatio, delete_in_nia: the worker knows the values from NIA
                return null;
        }
    }

    /** A field value as the contract holds it (text, number, boolean, instant); an object or a list is a 400. */
    private static Object scalar(Object value, String field) {
        try {
            return CanonicalValues.canonical(value);
        } catch (IllegalArgumentException notAScalar) {
            throw badRequest("a field value is a single text, number or boolean", field, "not a single value");
        }
    }

    private void send(SyncConflict c, UUID correlationId) {
        long configVersion = Math.max(c.configVersion, config.version());
        ResolveCommand command = new ResolveCommand(c.commandId, c.id, c.entityKey(), c.type(), c.strategy(), c.field,
                c.chosenValue(), c.niaValue(), c.creatioValue(), c.resolvedBy, configVersion, c.commandAttempt);
        outbox.enqueue(Topics.COMMANDS_REALTIME, Envelope.command(command, correlationId));
        Log.infof("Conflict %s: %s sent as command %s attempt %d", c.id, c.strategy, c.commandId, c.commandAttempt);
    }

    private static ProblemException notFound(UUID id, String field) {
        return new ProblemException(HTTP_NOT_FOUND, "Unknown conflict", "no conflict " + id,
                List.of(new Problem.FieldError(field, "unknown conflict")));
    }

    private static ProblemException notDecidable(SyncConflict c) {
        String why = c.status() == ConflictStatus.APPLYING
                ? "a decision is being applied (command " + c.commandId + "); wait for its result"
                : "it is already " + c.status;
        return new ProblemException(HTTP_CONFLICT, "Conflict not decidable",
                "conflict " + c.id + " cannot be resolved: " + why, List.of(new Problem.FieldError("/conflict_id", c.status)));
    }

    private static ProblemException badRequest(String detail, String field, String message) {
        return new ProblemException(HTTP_BAD_REQUEST, "Invalid resolution", detail,
                List.of(new Problem.FieldError(field, message)));
    }
}
