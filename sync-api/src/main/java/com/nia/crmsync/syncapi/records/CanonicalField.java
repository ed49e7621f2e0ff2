package com.nia.crmsync.syncapi.records;

import java.util.function.BiConsumer;
import java.util.function.Function;

import com.nia.crmsync.model.merge.CanonicalValues;

/**
 * One canonical NIA field of a record type ({@code first_name}, {@code email}, ...): how the sync
 * reads it from the entity and writes a canonical value pulled from Creatio into it.
 *
 * @param name  the canonical field name, as the configuration's mappings name it
 * @param get   the entity's value
 * @param write writes a canonical value (already passed through {@link CanonicalValues#canonical(Object)})
 */
public record CanonicalField<E>(String name, Function<E, Object> get, BiConsumer<E, Object> write) {

    /** A text field: the canonical value as text. */
    public static <E> CanonicalField<E> text(String name, Function<E, String> get, BiConsumer<E, String> set) {
        return new CanonicalField<>(name, get::apply, (e, v) -> set.accept(e, CanonicalValues.asText(v)));
    }

    /** A NOT NULL text field: an empty value (cleared in Creatio) leaves NIA's as it is. */
    public static <E> CanonicalField<E> requiredText(String name, Function<E, String> get, BiConsumer<E, String> set) {
        return new CanonicalField<>(name, get::apply, (e, v) -> {
            if (v != null) {
                set.accept(e, CanonicalValues.asText(v));
            }
        });
    }

    /** A flag: true only for a canonical {@code true}. */
    public static <E> CanonicalField<E> flag(String name, Function<E, Boolean> get, BiConsumer<E, Boolean> set) {
        return new CanonicalField<>(name, get::apply, (e, v) -> set.accept(e, Boolean.TRUE.equals(v)));
    }
}
