package com.nia.crmsync.simulator.odata;

/**
 * Names Creatio uses in {@code $metadata} and {@code @odata.context}.
 */
public final class ODataNames {

    /** The CSDL schema namespace of Creatio's configuration objects. */
    public static final String NAMESPACE = "Terrasoft.Configuration.OData";

    /** The entity container name. */
    public static final String CONTAINER = "BPMonline";

    private ODataNames() {
    }

    public static String qualified(String entityType) {
        return NAMESPACE + "." + entityType;
    }
}
