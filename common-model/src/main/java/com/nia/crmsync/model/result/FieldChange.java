package com.nia.crmsync.model.result;

import com.nia.crmsync.model.entity.Side;

/**
 * One field written, or in a dry run to be written: the field-level diff of a plan.
 *
 * @param field  the Creatio column
 * @param target the side written
 * @param from   the value the target held
 * @param to     the value it holds afterwards
 */
public record FieldChange(String field, Side target, Object from, Object to) {
}
