package com.nia.crmsync.model.result;

import com.nia.crmsync.model.wire.WireEnum;

/** How one attempt of a command ended; {@code sync-api} moves the record's sync status by it. */
public enum Outcome implements WireEnum {
    /** Both sides now agree (after writes, a link or a resolution). */
    SYNCED,
    /** Nothing had changed on either side: no Creatio write. */
    NO_CHANGE,
    /** Some fields are left open for a person ({@code manual}); the others were synced. */
    CONFLICT,
    /** Dry run: {@link SyncResult#changes()} is the plan, nothing was written. */
    PLANNED,
    /** A resolution found a side no longer holding the value the decision saw: nothing written. */
    SUPERSEDED,
    /** A transient failure (timeout, 429/503, budget spent): {@code sync-api} reschedules the record. */
    RETRYABLE_FAILURE,
    /** A permanent failure (validation, configuration): no retry helps without a change. */
    FAILED,
    /** A {@code probe} was answered. */
    PROBED;

    /** Reads a wire name. */
    public static Outcome fromWire(String wire) {
        return WireEnum.fromWire(Outcome.class, wire);
    }
}
