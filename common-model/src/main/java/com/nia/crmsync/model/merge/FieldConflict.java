package com.nia.crmsync.model.merge;

/**
 * A field changed to different values on both sides since the base (or, at a first sync, holding
 * different values on both sides), with the policy's decision.
 */
public record FieldConflict(String column, Object baseValue, Object niaValue, Object creatioValue, Decision decision) {
}
