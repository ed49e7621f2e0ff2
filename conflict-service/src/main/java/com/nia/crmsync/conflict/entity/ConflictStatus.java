package com.nia.crmsync.conflict.entity;

import java.util.EnumSet;
import java.util.Set;

import com.nia.crmsync.model.wire.WireEnum;

/**
 * Where a conflict is on its way (README, "Statuses"). A person may decide a {@code pending},
 * {@code failed} or {@code auto_resolved} one; {@code applying} waits for the worker's result;
 * {@code resolved}, {@code superseded} and {@code dismissed} are final.
 */
public enum ConflictStatus implements WireEnum {
    /** Reported, waiting for a person. */
    PENDING,
    /** Decided by a policy where it was found (recorded, never re-made; a person may override it). */
    AUTO_RESOLVED,
    /** A person's decision is on its way through the worker. */
    APPLYING,
    /** The worker confirmed both sides hold the chosen value. */
    RESOLVED,
    /** A side moved (a newer change, or the worker's compare-and-set failed): the decision no longer applies. */
    SUPERSEDED,
    /** A person closed it without a change. */
    DISMISSED,
    /** Applying the decision failed; retryable. */
    FAILED;

    /** The statuses of a conflict still waiting for a person. */
    public static final Set<ConflictStatus> OPEN = EnumSet.of(PENDING, FAILED);
    /** The statuses a person may decide from. */
    public static final Set<ConflictStatus> DECIDABLE = EnumSet.of(PENDING, FAILED, AUTO_RESOLVED);

    /** Reads a wire name. */
    public static ConflictStatus fromWire(String wire) {
        return WireEnum.fromWire(ConflictStatus.class, wire);
    }
}
