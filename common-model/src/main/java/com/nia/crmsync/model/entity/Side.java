package com.nia.crmsync.model.entity;

import com.nia.crmsync.model.wire.WireEnum;

/** One of the two systems kept in agreement. */
public enum Side implements WireEnum {
    /** The NIA platform (the records {@code sync-api} owns). */
    NIA,
    /** The Creatio CRM. */
    CREATIO;

    /** Reads a wire name. */
    public static Side fromWire(String wire) {
        return WireEnum.fromWire(Side.class, wire);
    }
}
