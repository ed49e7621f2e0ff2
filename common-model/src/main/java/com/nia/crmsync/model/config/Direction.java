package com.nia.crmsync.model.config;

import com.nia.crmsync.model.wire.WireEnum;

/** Which way values flow: for a mapped field, or for a triggered sync. */
public enum Direction implements WireEnum {
    /** Both ways, with the three-way merge. */
    BOTH,
    /** NIA → Creatio only; Creatio's edits of the field are ignored. */
    TO_CREATIO,
    /** Creatio → NIA only; NIA's edits of the field are not written to Creatio. */
    FROM_CREATIO,
    /** Mapped but not synced (kept for documentation or later use). */
    NONE;

    /** Reads a wire name. */
    public static Direction fromWire(String wire) {
        return WireEnum.fromWire(Direction.class, wire);
    }
}
