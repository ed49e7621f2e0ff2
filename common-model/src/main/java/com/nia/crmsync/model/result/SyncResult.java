package com.nia.crmsync.model.result;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.entity.EntityKey;

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
        Instant completedAt) {

    /** Whether the record should be rescheduled (a transient failure). */
    public boolean retryable() {
        return outcome == Outcome.RETRYABLE_FAILURE;
    }
}
