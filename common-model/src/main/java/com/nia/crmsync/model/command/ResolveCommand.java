package com.nia.crmsync.model.command;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.validation.Violation;
import com.nia.crmsync.model.mismatch.MismatchType;

/**
 * Carry out a person's decision on a conflict, published by {@code conflict-service} on the
 * realtime lane. The worker applies it as a compare-and-set on both sides: the chosen value is
 * written only where the side still holds the value the decision saw; otherwise the result says
 * {@code superseded} and the conflict is shown again with today's values.
 *
 * @param commandId        unique per command, kept across attempts
 * @param conflictId       the conflict decided; the result names it
 * @param entity           the record; the Kafka key
 * @param conflictType     the type of the conflict
 * @param strategy         how it was decided
 * @param field            the Creatio column decided; absent for whole-record conflicts
 * @param chosenValue      the value both sides must hold (for {@code pick_creatio_record}, the chosen Creatio id)
 * @param niaValueSeen     NIA's value when the person decided
 * @param creatioValueSeen Creatio's value when the person decided
 * @param decidedBy        who decided (the user's name from the token), for the trail
 * @param configVersion    the configuration version it was planned with
 * @param attempt          1 for the first attempt
 */
public record ResolveCommand(
        UUID commandId,
        UUID conflictId,
        EntityKey entity,
        MismatchType conflictType,
        ResolutionStrategy strategy,
        String field,
        Object chosenValue,
        Object niaValueSeen,
        Object creatioValueSeen,
        String decidedBy,
        long configVersion,
        int attempt) implements Command {

    @Override
    @JsonProperty("kind")
    public String kind() {
        return RESOLVE;
    }

    @Override
    public List<Violation> validate() {
        List<Violation> violations = Command.super.validate();
        if (conflictId == null) {
            violations.add(Violation.missing("/payload/conflictId"));
        }
        if (strategy == null) {
            violations.add(Violation.missing("/payload/strategy"));
        }
        return violations;
    }

    /** A decision is always carried out for real. */
    @Override
    public boolean dryRun() {
        return false;
    }

    /** A person is waiting: always the realtime lane. */
    @Override
    public Lane lane() {
        return Lane.REALTIME;
    }

    /** The same command, next attempt. */
    public ResolveCommand nextAttempt() {
        return new ResolveCommand(commandId, conflictId, entity, conflictType, strategy, field, chosenValue,
                niaValueSeen, creatioValueSeen, decidedBy, configVersion, attempt + 1);
    }
}
