package com.nia.crmsync.model.config;

import java.util.Set;

/**
 * The value transforms a field mapping may name ({@link FieldMapping#transform()}); the
 * configuration checks the names, and {@code merge.FieldMapper} applies them.
 */
public final class Transforms {

    /** The transform that joins a composite's parts with single spaces. */
    public static final String JOIN_SPACE = "join_space";
    /** Strips surrounding white space on the way to Creatio; the way back takes Creatio's value as it is. */
    public static final String TRIM = "trim";
    /** Lower-cases (e.g. emails) on the way to Creatio; the way back takes Creatio's value as it is. */
    public static final String LOWERCASE = "lowercase";
    /**
     * A Creatio number column cannot be empty (it holds 0 where NIA has no value): NIA's null is
     * written as 0, so what was written and what a pull reads back agree; the way back takes
     * Creatio's value as it is.
     */
    public static final String NULL_AS_ZERO = "null_as_zero";
    /** Every transform a field mapping may name. */
    public static final Set<String> TRANSFORMS = Set.of(JOIN_SPACE, TRIM, LOWERCASE, NULL_AS_ZERO);

    private Transforms() {
    }
}
