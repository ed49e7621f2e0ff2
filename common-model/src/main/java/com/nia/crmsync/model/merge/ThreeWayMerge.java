package com.nia.crmsync.model.merge;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.entity.Side;

/**
 * The three-way, field-level merge of one record against its base (a pure function).
 * <p>
 * Per column, with {@code b} the base, {@code n} NIA's and {@code c} Creatio's value:
 * <ul>
 * <li>{@code n = c}: agreed, nothing to write (an echo of our own write ends here);</li>
 * <li>only one side changed ({@code n = b} or {@code c = b}): that side's value propagates;</li>
 * <li>both changed to different values: a collision, decided by the column's policy; under
 * {@code manual} (or a {@code newest_wins} tie) nothing is written and the column stays open.</li>
 * </ul>
 * One-way columns ({@code to_creatio}, {@code from_creatio}) flow only from their source: a change
 * on the other side is left as it is and never reported as a collision; when the source changes,
 * its value is written. With no base (first sync), an empty side is filled from the other, and
 * different non-empty values are a collision decided by the first-sync policy.
 */
public final class ThreeWayMerge {

    private ThreeWayMerge() {
    }

    public static MergeOutcome merge(MergeInput in) {
        Map<String, Object> toCreatio = new TreeMap<>();
        Map<String, Object> toNia = new TreeMap<>();
        Map<String, Object> newBase = new TreeMap<>();
        List<FieldConflict> conflicts = new ArrayList<>();
        Set<String> open = new TreeSet<>();
        boolean firstSync = in.base() == null;

        for (FieldRule rule : new TreeMap<>(in.rules()).values()) {
            if (rule.direction() == Direction.NONE) {
                continue;
            }
            String col = rule.column();
            Object n = CanonicalValues.canonical(valueOf(in.nia(), col));
            Object c = CanonicalValues.canonical(valueOf(in.creatio(), col));
            Object b = firstSync ? null : CanonicalValues.canonical(valueOf(in.base(), col));

            if (CanonicalValues.same(n, c)) {
                put(newBase, col, n);
                continue;
            }
            boolean niaChanged = firstSync ? n != null : !CanonicalValues.same(n, b);
            boolean creatioChanged = firstSync ? c != null : !CanonicalValues.same(c, b);

            if (rule.direction() == Direction.TO_CREATIO) {
                if (niaChanged) {
                    put(toCreatio, col, n);
                    put(newBase, col, n);
                } else {
                    put(newBase, col, b);
                }
                continue;
            }
            if (rule.direction() == Direction.FROM_CREATIO) {
                if (creatioChanged) {
                    put(toNia, col, c);
                    put(newBase, col, c);
                } else {
                    put(newBase, col, b);
                }
                continue;
            }
            if (niaChanged && !creatioChanged) {
                put(toCreatio, col, n);
                put(newBase, col, n);
            } else if (creatioChanged && !niaChanged) {
                put(toNia, col, c);
                put(newBase, col, c);
            } else {
                ConflictPolicy policy = firstSync ? in.firstSyncPolicy() : rule.policy();
                Decision decision = Policies.decide(policy, in.niaChangedAt(), in.creatioChangedAt());
                conflicts.add(new FieldConflict(col, b, n, c, decision));
                if (decision.winner() == Side.NIA) {
                    put(toCreatio, col, n);
                    put(newBase, col, n);
                } else if (decision.winner() == Side.CREATIO) {
                    put(toNia, col, c);
                    put(newBase, col, c);
                } else {
                    open.add(col);
                    put(newBase, col, b);
                }
            }
        }
        return new MergeOutcome(Collections.unmodifiableMap(toCreatio), Collections.unmodifiableMap(toNia),
                Collections.unmodifiableMap(newBase), List.copyOf(conflicts), Collections.unmodifiableSet(open));
    }

    private static Object valueOf(Map<String, ?> values, String column) {
        return values == null ? null : values.get(column);
    }

    // the maps hold canonical values; an empty value is written as an explicit null, so "clear it" propagates
    private static void put(Map<String, Object> map, String column, Object canonical) {
        map.put(column, canonical);
    }
}
