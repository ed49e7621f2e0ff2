package com.nia.crmsync.simulator.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

import com.nia.crmsync.simulator.odata.EntityType;

/**
 * One stored row: an immutable array of column values in the order of its {@link EntityType}.
 * {@code null} means "empty" and is written as Creatio's empty value (zero GUID, {@code ""} ...),
 * which keeps a million sparsely filled leads small. Updates replace the whole instance, so a
 * reader always sees a consistent row without locking.
 */
public final class Entity {

    /** Ordinals of the BaseEntity columns; {@link EntityType.Builder} always adds them first. */
    public static final int ID = 0;
    public static final int CREATED_ON = 1;
    public static final int CREATED_BY_ID = 2;
    public static final int MODIFIED_ON = 3;
    public static final int MODIFIED_BY_ID = 4;

    private final Object[] values;

    public Entity(Object[] values) {
        this.values = values;
    }

    public UUID id() {
        return (UUID) values[ID];
    }

    public Instant modifiedOn() {
        return (Instant) values[MODIFIED_ON];
    }

    public Object get(int ordinal) {
        return values[ordinal];
    }

    /** A copy of the values, for building a changed row. */
    public Object[] copyValues() {
        return Arrays.copyOf(values, values.length);
    }

    public int width() {
        return values.length;
    }
}
