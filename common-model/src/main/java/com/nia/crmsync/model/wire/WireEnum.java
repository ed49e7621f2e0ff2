package com.nia.crmsync.model.wire;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An enum whose wire name is its constant name in lower_snake case ({@code FIELD_MISMATCH} →
 * {@code field_mismatch}). Jackson uses the {@link JsonValue} method both to write and to read, so
 * the Java constant and the name other teams see in the AsyncAPI document can never drift apart.
 */
public interface WireEnum {

    /** The constant's name; implemented by every enum. */
    String name();

    /** The name on the wire, in logs and in database columns. */
    @JsonValue
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Finds the constant of {@code type} whose wire name is {@code wire}.
     *
     * @throws IllegalArgumentException when no constant has that wire name
     */
    static <E extends Enum<E> & WireEnum> E fromWire(Class<E> type, String wire) {
        for (E constant : type.getEnumConstants()) {
            if (constant.wire().equals(wire)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + " '" + wire + "'");
    }
}
