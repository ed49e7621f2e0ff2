package com.nia.crmsync.model.merge;

import java.time.Instant;
import java.util.Map;

import com.nia.crmsync.model.config.ConflictPolicy;

/**
 * The three versions of one record, all as Creatio columns (NIA's values already mapped), with
 * the rules per column and the change times the {@code newest_wins} policy compares.
 *
 * @param rules the columns taking part, by column name
 * @param base the last values both sides agreed on, or {@code null} before the first sync
 * @param nia NIA's current values
 * @param creatio Creatio's current values
 * @param niaChangedAt NIA's {@code updated_at} (UTC)
 * @param creatioChangedAt Creatio's {@code ModifiedOn} (UTC)
 * @param firstSyncPolicy decides a column holding different values on both sides when there is no base
 */
public record MergeInput(
        Map<String, FieldRule> rules,
        Map<String, ?> base,
        Map<String, ?> nia,
        Map<String, ?> creatio,
        Instant niaChangedAt,
        Instant creatioChangedAt,
        ConflictPolicy firstSyncPolicy) {
}
