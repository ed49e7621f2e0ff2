package com.nia.crmsync.model.config;

import com.nia.crmsync.model.wire.WireEnum;

/** What a deletion on one side does on the other, per entity. */
public enum DeleteMode implements WireEnum {
    /** Delete on the other side too (behind the deletion safety breaker). */
    DELETE,
    /** Set the entity's deactivation column instead of deleting. */
    DEACTIVATE,
    /** Do nothing on the other side; the link is dropped. */
    IGNORE;

    /** Reads a wire name. */
    public static DeleteMode fromWire(String wire) {
        return WireEnum.fromWire(DeleteMode.class, wire);
    }
}
