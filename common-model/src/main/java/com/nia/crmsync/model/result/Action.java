package com.nia.crmsync.model.result;

import com.nia.crmsync.model.wire.WireEnum;

/** What a command did to the record, or in a dry run would do; the per-record line of a plan. */
public enum Action implements WireEnum {
    /** Created in Creatio. */
    CREATE,
    /** Changed fields written (to Creatio, to NIA or both). */
    UPDATE,
    /** An existing Creatio record linked, nothing duplicated. */
    LINK,
    /** Deleted (per the entity's delete mode). */
    DELETE,
    /** Deactivated instead of deleted (per the entity's delete mode). */
    DEACTIVATE,
    /** Recreated in Creatio after a deletion there. */
    RESTORE,
    /** Nothing to do. */
    NO_OP,
    /** Held back by a mismatch that a person must decide. */
    CONFLICT;

    /** Reads a wire name. */
    public static Action fromWire(String wire) {
        return WireEnum.fromWire(Action.class, wire);
    }
}
