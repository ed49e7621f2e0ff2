package com.nia.crmsync.model.command;

import com.nia.crmsync.model.wire.WireEnum;

/** How a person decided a conflict; each conflict type accepts some of these. */
public enum ResolutionStrategy implements WireEnum {
    /** {@code field_mismatch}: NIA's value on both sides. */
    LOCAL_WINS,
    /** {@code field_mismatch}: Creatio's value on both sides. */
    CREATIO_WINS,
    /** {@code field_mismatch}: a merged value typed by the person, on both sides. */
    MANUAL_MERGE,
    /** {@code update_vs_delete}: recreate the record in Creatio with the NIA values. */
    RESTORE_IN_CREATIO,
    /** {@code update_vs_delete}: delete the record in NIA too. */
    DELETE_IN_NIA,
    /** {@code duplicate_match}: link the NIA record to the chosen Creatio record. */
    PICK_CREATIO_RECORD,
    /** {@code validation_failed}: write the corrected value. */
    CORRECTED_VALUE;

    /** Reads a wire name. */
    public static ResolutionStrategy fromWire(String wire) {
        return WireEnum.fromWire(ResolutionStrategy.class, wire);
    }
}
