package com.nia.crmsync.model.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A small collector of {@link Violation}s under a path prefix, so that nested records validate
 * themselves and report pointers relative to the whole message.
 */
public final class Violations {

    private final String prefix;
    private final List<Violation> found;

    private Violations(String prefix, List<Violation> found) {
        this.prefix = prefix;
        this.found = found;
    }

    /** A collector rooted at {@code prefix} (e.g. {@code /payload}). */
    public static Violations at(String prefix) {
        return new Violations(prefix, new ArrayList<>());
    }

    /** A collector for a child, sharing this one's list. */
    public Violations child(String name) {
        return new Violations(prefix + "/" + name, found);
    }

    /** A collector for element {@code index} of list {@code name}. */
    public Violations element(String name, int index) {
        return new Violations(prefix + "/" + name + "/" + index, found);
    }

    /** Records that {@code field} is required when {@code value} is null or a blank string. */
    public Violations required(String field, Object value) {
        if (value == null || value instanceof String && ((String) value).isBlank()) {
            found.add(Violation.missing(prefix + "/" + field));
        }
        return this;
    }

    /** Records {@code message} on {@code field} when {@code ok} is false. */
    public Violations check(boolean ok, String field, String message) {
        if (!ok) {
            found.add(new Violation(prefix + "/" + field, message));
        }
        return this;
    }

    /** Records that {@code field} is longer than {@code max} characters, when it is. */
    public Violations maxLength(String field, String value, int max) {
        return check(value == null || value.length() <= max, field, "must be at most " + max + " characters");
    }

    /** Records {@code message} on this collector's own path (e.g. a null list element). */
    public Violations invalid(String message) {
        found.add(new Violation(prefix, message));
        return this;
    }

    /** Records {@code message} on {@code field} when {@code values} is null or empty. */
    public Violations notEmpty(String field, Collection<?> values) {
        return check(values != null && !values.isEmpty(), field, "must not be empty");
    }

    /** Everything found so far. */
    public List<Violation> list() {
        return List.copyOf(found);
    }

    /** The violations as one line, for a dead-letter reason. */
    public static String describe(List<Violation> violations) {
        return violations.stream().map(Violation::toString).collect(Collectors.joining("; "));
    }
}
