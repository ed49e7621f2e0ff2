package com.nia.crmsync.model.merge;

import static com.nia.crmsync.model.config.Transforms.JOIN_SPACE;
import static com.nia.crmsync.model.config.Transforms.LOWERCASE;
import static com.nia.crmsync.model.config.Transforms.NULL_AS_ZERO;
import static com.nia.crmsync.model.config.Transforms.TRIM;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.config.FieldMapping;

/**
 * Maps a record between NIA's canonical fields and Creatio's columns, as an entity mapping of the
 * configuration says; the merge itself works on Creatio columns.
 * <ul>
 * <li>A plain field maps one to one.</li>
 * <li>A value map translates codes (NIA {@code status} "qualified" ↔ Creatio
 * {@code QualifyStatusId} GUID); {@code inboundValues} bring further Creatio codes back to an NIA
 * value (Creatio's stage "Distribution" is NIA's "qualified" too), and on the way to Creatio an NIA
 * value keeps the agreed code that means it, so the stage is never moved by a round trip; a Creatio
 * value neither map knows is reported, not guessed.</li>
 * <li>A composite field ({@code composedOf}, transform {@code join_space}) writes its parts joined
 * by one space into one free-text column (first + last name into {@code Lead.Contact}). Its
 * inverse never guesses: a new text that keeps one of the current parts (the same last name, or the
 * same first name) changes only the other part; a text of exactly two words splits into first and
 * last; anything else (one word, or three words with neither part kept) is reported as
 * unsplittable, and becomes a mismatch for a person.</li>
 * </ul>
 */
public final class FieldMapper {

    private FieldMapper() {
    }

    /** NIA's values as Creatio columns (a value-mapped field takes its value map's code). */
    public static Map<String, Object> toCreatio(EntityMapping mapping, Map<String, ?> nia) {
        return toCreatio(mapping, nia, null);
    }

    /**
     * NIA's values as Creatio columns; {@code agreed} (Creatio column → value, e.g. the base) keeps a
     * value-mapped field's agreed code while NIA's value still means it (several Creatio codes may
     * mean one NIA value).
     */
    public static Map<String, Object> toCreatio(EntityMapping mapping, Map<String, ?> nia, Map<String, ?> agreed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldMapping f : mapping.fields()) {
            if (isComposite(f)) {
                out.put(f.creatioColumn(), join(f, nia));
            } else if (f.valueMap() != null && !f.valueMap().isEmpty()) {
                Object v = nia.get(f.niaField());
                Object kept = agreed == null ? null : CanonicalValues.canonical(agreed.get(f.creatioColumn()));
                if (v != null && kept != null && v.toString().equals(keyOf(f, kept))) {
                    out.put(f.creatioColumn(), kept);
                } else {
                    out.put(f.creatioColumn(), v == null ? null : f.valueMap().get(v.toString()));
                }
            } else {
                out.put(f.creatioColumn(), transform(f, nia.get(f.niaField())));
            }
        }
        return out;
    }

    /**
     * A plain field's value transform on the way to Creatio. {@code trim} and {@code lowercase}
     * normalise text; their inverse is the identity (Creatio's value is taken as it is), so a
     * Creatio value that is not normalised is written back normalised by the next push.
     */
    static Object transform(FieldMapping f, Object value) {
        if (NULL_AS_ZERO.equals(f.transform())) {
            return value == null ? java.math.BigDecimal.ZERO : value;
        }
        if (f.transform() == null || !(value instanceof String text)) {
            return value;
        }
        switch (f.transform()) {
            case TRIM:
                return text.strip();
            case LOWERCASE:
                return text.toLowerCase(java.util.Locale.ROOT);
            default:
                throw new IllegalArgumentException("Unknown transform " + f.transform() + " for " + f.creatioColumn());
        }
    }

    /** The merge rule of every mapped column; a column without its own policy takes the entity's default. */
    public static Map<String, FieldRule> rules(EntityMapping mapping) {
        Map<String, FieldRule> rules = new LinkedHashMap<>();
        for (FieldMapping f : mapping.fields()) {
            ConflictPolicy policy = f.conflictPolicy() != null ? f.conflictPolicy()
                    : Objects.requireNonNullElse(mapping.defaultConflictPolicy(), ConflictPolicy.MANUAL);
            rules.put(f.creatioColumn(), new FieldRule(f.creatioColumn(), f.direction(), policy));
        }
        return rules;
    }

    /**
     * Creatio column values as NIA field updates. {@code current} is NIA's record before the update,
     * used to split a composite without guessing.
     */
    public static Inverse toNia(EntityMapping mapping, Map<String, ?> columns, Map<String, ?> current) {
        Map<String, Object> updates = new LinkedHashMap<>();
        List<Unmappable> problems = new ArrayList<>();
        for (FieldMapping f : mapping.fields()) {
            if (!columns.containsKey(f.creatioColumn())) {
                continue;
            }
            Object value = CanonicalValues.canonical(columns.get(f.creatioColumn()));
            if (isComposite(f)) {
                splitInto(f, value, current, updates, problems);
            } else if (f.valueMap() != null && !f.valueMap().isEmpty()) {
                if (value == null) {
                    updates.put(f.niaField(), null);
                } else {
                    String key = keyOf(f, value);
                    if (key == null) {
                        problems.add(new Unmappable(f.creatioColumn(), value,
                                "Creatio value " + value + " of " + f.creatioColumn() + " has no NIA " + f.niaField() + " in the value map"));
                    } else {
                        updates.put(f.niaField(), key);
                    }
                }
            } else {
                updates.put(f.niaField(), value);
            }
        }
        return new Inverse(updates, problems);
    }

    /** The lookup columns of a mapping: Creatio column → the lookup set whose names show next to its ids. */
    public static Map<String, String> lookups(EntityMapping mapping) {
        Map<String, String> out = new LinkedHashMap<>();
        if (mapping != null && mapping.fields() != null) {
            for (FieldMapping f : mapping.fields()) {
                if (f.lookup() != null && !f.lookup().isBlank() && f.creatioColumn() != null) {
                    out.put(f.creatioColumn(), f.lookup());
                }
            }
        }
        return out;
    }

    /** NIA updates from Creatio columns, and the columns that could not be mapped back. */
    public record Inverse(Map<String, Object> updates, List<Unmappable> problems) {
    }

    /** A Creatio value with no documented NIA equivalent: a mismatch for a person, never a guess. */
    public record Unmappable(String column, Object creatioValue, String reason) {
    }

    private static boolean isComposite(FieldMapping f) {
        return f.composedOf() != null && !f.composedOf().isEmpty();
    }

    private static String join(FieldMapping f, Map<String, ?> nia) {
        if (!JOIN_SPACE.equals(Objects.requireNonNullElse(f.transform(), JOIN_SPACE))) {
            throw new IllegalArgumentException("Unknown transform " + f.transform() + " for " + f.creatioColumn());
        }
        List<String> parts = new ArrayList<>();
        for (String part : f.composedOf()) {
            Object v = CanonicalValues.canonical(nia.get(part));
            if (v != null) {
                parts.add(v.toString().strip());
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static void splitInto(FieldMapping f, Object value, Map<String, ?> current, Map<String, Object> updates, List<Unmappable> problems) {
        if (f.composedOf().size() != 2) {
            problems.add(new Unmappable(f.creatioColumn(), value, f.creatioColumn() + " is one-way: its parts cannot be split back"));
            return;
        }
        String firstField = f.composedOf().get(0);
        String lastField = f.composedOf().get(1);
        if (value == null) {
            updates.put(firstField, null);
            updates.put(lastField, null);
            return;
        }
        String text = value.toString().strip().replaceAll("\\s+", " ");
        String first = textOf(current.get(firstField));
        String last = textOf(current.get(lastField));
        if (text.equals(join(f, current))) {
            return;
        }
        if (last != null && text.endsWith(" " + last) && text.length() > last.length() + 1) {
            updates.put(firstField, text.substring(0, text.length() - last.length() - 1));
            return;
        }
        if (first != null && text.startsWith(first + " ") && text.length() > first.length() + 1) {
            updates.put(lastField, text.substring(first.length() + 1));
            return;
        }
        String[] words = text.split(" ");
        if (words.length == 2) {
            updates.put(firstField, words[0]);
            updates.put(lastField, words[1]);
            return;
        }
        problems.add(new Unmappable(f.creatioColumn(), value, "cannot split '" + text + "' into " + firstField + " and "
                + lastField + " without guessing"));
    }

    private static String textOf(Object v) {
        Object c = CanonicalValues.canonical(v);
        return c == null ? null : c.toString().strip();
    }

    private static String keyOf(FieldMapping f, Object creatioValue) {
        for (Map.Entry<String, String> e : f.valueMap().entrySet()) {
            if (CanonicalValues.same(e.getValue(), creatioValue)) {
                return e.getKey();
            }
        }
        if (f.inboundValues() != null) {
            for (Map.Entry<String, String> e : f.inboundValues().entrySet()) {
                if (CanonicalValues.same(e.getKey(), creatioValue)) {
                    return e.getValue();
                }
            }
        }
        return null;
    }
}
