package com.nia.crmsync.model.resync;

import com.nia.crmsync.model.wire.WireEnum;

/** What a resync request covers. */
public enum ResyncScope implements WireEnum {
    /** Every record of every configured entity type (or of the listed types). */
    ALL,
    /** Every record of the listed entity types. */
    ENTITY_TYPE,
    /** The listed NIA ids of one entity type. */
    IDS,
    /** Records changed on either side since a time (of the listed types, or all). */
    MODIFIED_SINCE;

    /** Reads a wire name. */
    public static ResyncScope fromWire(String wire) {
        return WireEnum.fromWire(ResyncScope.class, wire);
    }
}
