package com.nia.crmsync.model.merge;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the merge decided for one record.
 *
 * @param toCreatio the columns to PATCH in Creatio: only those whose value must change
 * @param toNia the columns whose new value NIA must take
 * @param newBase the base after both writes: the agreed value of every column, and the old base
 *        value of a column left open, so the same open conflict is found again until decided
 * @param conflicts every same-field collision with its decision (decided and open ones)
 * @param openFields the columns left for a person
 */
public record MergeOutcome(
        Map<String, Object> toCreatio,
        Map<String, Object> toNia,
        Map<String, Object> newBase,
        List<FieldConflict> conflicts,
        Set<String> openFields) {

    /** Nothing to write on either side. */
    public boolean noWrites() {
        return toCreatio.isEmpty() && toNia.isEmpty();
    }
}
