package com.nia.crmsync.model.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.entity.Side;

/**
 * Generated cases: seeded random records and edit interleavings (the seed is the test's name, so a
 * failure is replayed with {@code -Dmerge.seeds=<seed>}). For every case: non-overlapping edits
 * always merge, a same-field collision always yields exactly one conflict, both sides converge on
 * every decided field, and replaying the merge after applying it changes nothing.
 */
class ThreeWayMergePropertyTests {

    private enum Edit { NONE, NIA, CREATIO, BOTH_SAME, BOTH_DIFFERENT }

    private static final Object[] VALUES = {null, "a", "b", "c", "d", 1, 2, 3, true, false, "", "00000000-0000-0000-0000-000000000000"};

    static LongStream seeds() {
        String fixed = System.getProperty("merge.seeds");
        if (fixed != null && !fixed.isBlank()) {
            return java.util.Arrays.stream(fixed.split(",")).mapToLong(s -> Long.parseLong(s.trim()));
        }
        return LongStream.range(0, 1000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void editsMergeCollisionsAreReportedOnceAndReplaysChangeNothing(long seed) {
        Random random = new Random(seed);
        int fields = 1 + random.nextInt(8);
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        Map<String, Object> base = new HashMap<>();
        Map<String, Object> nia = new HashMap<>();
        Map<String, Object> creatio = new HashMap<>();
        Map<String, Edit> edits = new HashMap<>();
        for (int i = 0; i < fields; i++) {
            String col = "Col" + i;
            Direction direction = random.nextInt(5) == 0 ? Direction.values()[random.nextInt(4)] : Direction.BOTH;
            ConflictPolicy policy = ConflictPolicy.values()[random.nextInt(ConflictPolicy.values().length)];
            rules.put(col, new FieldRule(col, direction, policy));
            Object b = pick(random);
            base.put(col, b);
            Edit edit = Edit.values()[random.nextInt(Edit.values().length)];
            edits.put(col, edit);
            Object n = b;
            Object c = b;
            switch (edit) {
                case NIA -> n = other(random, b);
                case CREATIO -> c = other(random, b);
                case BOTH_SAME -> {
                    n = other(random, b);
                    c = n;
                }
                case BOTH_DIFFERENT -> {
                    n = other(random, b);
                    c = other(random, b, n);
                }
                default -> { }
            }
            nia.put(col, n);
            creatio.put(col, c);
        }
        Instant niaTime = Instant.parse("2026-01-01T00:00:00Z").plusMillis(random.nextInt(3));
        Instant creatioTime = Instant.parse("2026-01-01T00:00:00Z").plusMillis(random.nextInt(3));
        MergeInput input = new MergeInput(rules, base, nia, creatio, niaTime, creatioTime, ConflictPolicy.MANUAL);

        MergeOutcome out = ThreeWayMerge.merge(input);

        // deterministic
        assertThat(ThreeWayMerge.merge(input)).isEqualTo(out);

        Set<String> expectedConflicts = new TreeSet<>();
        for (String col : rules.keySet()) {
            FieldRule rule = rules.get(col);
            Edit edit = edits.get(col);
            if (rule.direction() == Direction.BOTH && edit == Edit.BOTH_DIFFERENT) {
                expectedConflicts.add(col);
            }
            // a column changed on one side only never conflicts and, where its direction allows, propagates
            if (rule.direction() == Direction.BOTH && edit == Edit.NIA) {
                assertThat(out.toCreatio()).as("seed %d %s", seed, col).containsKey(col);
            }
            if (rule.direction() == Direction.BOTH && edit == Edit.CREATIO) {
                assertThat(out.toNia()).as("seed %d %s", seed, col).containsKey(col);
            }
            if (edit == Edit.NONE || edit == Edit.BOTH_SAME) {
                assertThat(out.toCreatio()).as("seed %d %s", seed, col).doesNotContainKey(col);
                assertThat(out.toNia()).as("seed %d %s", seed, col).doesNotContainKey(col);
            }
            if (!rule.mayWriteCreatio()) {
                assertThat(out.toCreatio()).as("seed %d %s", seed, col).doesNotContainKey(col);
            }
            if (!rule.mayWriteNia()) {
                assertThat(out.toNia()).as("seed %d %s", seed, col).doesNotContainKey(col);
            }
        }
        List<String> conflictColumns = out.conflicts().stream().map(FieldConflict::column).toList();
        assertThat(conflictColumns).as("seed %d: one conflict per collision", seed).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(conflictColumns)).as("seed %d", seed).isEqualTo(expectedConflicts);
        for (FieldConflict c : out.conflicts()) {
            assertThat(out.openFields().contains(c.column())).isEqualTo(c.decision().winner() == null);
        }

        // apply the outcome to both sides, as the worker and sync-api do
        Map<String, Object> nia2 = new HashMap<>(nia);
        nia2.putAll(out.toNia());
        Map<String, Object> creatio2 = new HashMap<>(creatio);
        creatio2.putAll(out.toCreatio());
        Map<String, Object> base2 = new HashMap<>(out.newBase());

        for (String col : rules.keySet()) {
            FieldRule rule = rules.get(col);
            if (rule.direction() == Direction.BOTH && !out.openFields().contains(col)) {
                assertThat(CanonicalValues.same(nia2.get(col), creatio2.get(col))).as("seed %d: %s converges", seed, col).isTrue();
                assertThat(CanonicalValues.same(nia2.get(col), base2.get(col))).as("seed %d: %s base", seed, col).isTrue();
            }
        }
        for (FieldConflict c : out.conflicts()) {
            if (c.decision().winner() == Side.NIA) {
                assertThat(CanonicalValues.same(creatio2.get(c.column()), nia.get(c.column()))).isTrue();
            } else if (c.decision().winner() == Side.CREATIO) {
                assertThat(CanonicalValues.same(nia2.get(c.column()), creatio.get(c.column()))).isTrue();
            }
        }

        // replay: nothing to write; only the open fields are reported again, with the same values
        MergeOutcome replay = ThreeWayMerge.merge(new MergeInput(rules, base2, nia2, creatio2, niaTime, creatioTime, ConflictPolicy.MANUAL));
        assertThat(replay.noWrites()).as("seed %d: replay writes nothing", seed).isTrue();
        assertThat(replay.openFields()).as("seed %d", seed).isEqualTo(out.openFields());
        assertThat(replay.conflicts()).as("seed %d", seed)
                .isEqualTo(out.conflicts().stream().filter(c -> c.decision().leftOpen()).toList());
        assertThat(CanonicalHash.of(replay.newBase())).isEqualTo(CanonicalHash.of(base2));
    }

    private static Object pick(Random random) {
        return VALUES[random.nextInt(VALUES.length)];
    }

    private static Object other(Random random, Object... not) {
        List<Object> candidates = new ArrayList<>();
        outer:
        for (Object v : VALUES) {
            for (Object n : not) {
                if (CanonicalValues.same(v, n)) {
                    continue outer;
                }
            }
            candidates.add(v);
        }
        return candidates.get(random.nextInt(candidates.size()));
    }
}
