package com.nia.crmsync.model.config;

import com.nia.crmsync.model.wire.WireEnum;

/**
 * What the worker does, before any write, with an NIA text value longer than its Creatio column's
 * size (the column's {@code MaxLength} in {@code $metadata}; Creatio's text types hold 50, 250 or 500
 * characters, or are unlimited). Creatio itself refuses such a value with a database error.
 */
public enum Overflow implements WireEnum {
    /** Cut the value to the column's size, the last character an ellipsis ("…"), and say so in the sync log. */
    TRUNCATE,
    /** Write nothing: the record is {@code validation_failed}, naming the column and its size. */
    REJECT,
    /** Send the value as it is and let Creatio answer (its database refuses it). */
    PASS;

    /** What a truncated value ends with, counted inside the column's size. */
    public static final String ELLIPSIS = "\u2026";

    /**
     * {@code text} cut to at most {@code size} characters ending in {@link #ELLIPSIS}; characters are
     * UTF-16 units, as Creatio's database counts them, and a surrogate pair is never split.
     * Text that fits is returned as it is.
     */
    public static String cut(String text, int size) {
        if (text.length() <= size) {
            return text;
        }
        if (size < 1) {
            return "";
        }
        int keep = size - 1;
        if (keep > 0 && Character.isHighSurrogate(text.charAt(keep - 1))) {
            keep--;
        }
        return text.substring(0, keep).stripTrailing() + ELLIPSIS;
    }
}
