package com.nia.crmsync.simulator.store;

import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

/**
 * Orderings the store and the query engine share. GUIDs sort like their text form (unsigned,
 * byte by byte), which is what {@code $orderby Id} gives on a SQL database.
 */
public final class Ids {

    /** GUIDs in text order. */
    public static final Comparator<UUID> GUID_ORDER = (a, b) -> {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    };

    /** The incremental-pull order: {@code ModifiedOn asc, Id asc}. */
    public static final Comparator<Entity> MODIFIED_ORDER = (a, b) -> {
        int byTime = a.modifiedOn().compareTo(b.modifiedOn());
        return byTime != 0 ? byTime : GUID_ORDER.compare(a.id(), b.id());
    };

    public static final UUID MIN_GUID = new UUID(0, 0);
    public static final UUID MAX_GUID = new UUID(-1, -1);

    private Ids() {
    }

    /** A search key positioned at {@code modifiedOn} before (or after) every row of that instant. */
    public static Entity probe(Instant modifiedOn, boolean beforeAll, int width) {
        Object[] values = new Object[width];
        values[Entity.ID] = beforeAll ? MIN_GUID : MAX_GUID;
        values[Entity.MODIFIED_ON] = modifiedOn;
        return new Entity(values);
    }
}
