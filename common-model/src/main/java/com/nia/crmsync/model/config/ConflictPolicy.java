package com.nia.crmsync.model.config;

import com.nia.crmsync.model.wire.WireEnum;

/**
 * How a same-field mismatch is decided. The automatic policies are applied by the worker where the
 * mismatch is found, and the mismatch event says what they decided; {@code manual} leaves the
 * field as it is on both sides until a person decides in {@code conflict-service}.
 */
public enum ConflictPolicy implements WireEnum {
    /** NIA's value wins. */
    LOCAL_WINS,
    /** Creatio's value wins. */
    CREATIO_WINS,
    /** The side changed last wins (NIA {@code updated_at} vs Creatio {@code ModifiedOn}, UTC); a tie is manual. */
    NEWEST_WINS,
    /** A person decides. */
    MANUAL;

    /** Reads a wire name. */
    public static ConflictPolicy fromWire(String wire) {
        return WireEnum.fromWire(ConflictPolicy.class, wire);
    }
}
