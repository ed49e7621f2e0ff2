package com.nia.crmsync.model.mismatch;

import com.nia.crmsync.model.wire.WireEnum;

/** The kinds of disagreement the worker reports; each becomes a conflict type in {@code conflict-service}. */
public enum MismatchType implements WireEnum {
    /** The same field changed to different values on both sides since the base. */
    FIELD_MISMATCH,
    /** One side edited a record the other side deleted. */
    UPDATE_VS_DELETE,
    /** Two or more Creatio records match one NIA record at linking. */
    DUPLICATE_MATCH,
    /** Creatio rejected the values (HTTP 400) or the required-field gate stopped the record. */
    VALIDATION_FAILED;

    /** Reads a wire name. */
    public static MismatchType fromWire(String wire) {
        return WireEnum.fromWire(MismatchType.class, wire);
    }
}
