package com.nia.crmsync.model.command;

import java.time.Instant;
import java.util.Map;

/**
 * Creatio's state of one record as the planner already knows it (from a pull page or a batched
 * read), so the worker need not read it again while it is fresh.
 *
 * @param values     Creatio column → canonical JSON scalar; empty when the record was deleted in Creatio
 * @param modifiedOn Creatio's {@code ModifiedOn} (UTC), the Creatio side's change time for {@code newest_wins}
 * @param readAt     when it was read; the worker re-reads one record when this is too old
 * @param deleted    whether the record no longer exists in Creatio (found by id reconciliation)
 */
public record CreatioSnapshot(Map<String, Object> values, Instant modifiedOn, Instant readAt, boolean deleted) {
}
