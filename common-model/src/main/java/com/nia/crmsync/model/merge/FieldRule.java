package com.nia.crmsync.model.merge;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.Direction;

/**
 * How one Creatio column takes part in the merge: which way values may flow and which policy
 * decides a same-field collision (already resolved against the entity's default).
 */
public record FieldRule(String column, Direction direction, ConflictPolicy policy) {

    public static FieldRule both(String column, ConflictPolicy policy) {
        return new FieldRule(column, Direction.BOTH, policy);
    }

    boolean mayWriteCreatio() {
        return direction == Direction.BOTH || direction == Direction.TO_CREATIO;
    }

    boolean mayWriteNia() {
        return direction == Direction.BOTH || direction == Direction.FROM_CREATIO;
    }
}
