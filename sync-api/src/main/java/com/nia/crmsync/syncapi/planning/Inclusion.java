package com.nia.crmsync.syncapi.planning;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.nia.crmsync.model.config.Condition;
import com.nia.crmsync.model.merge.CanonicalValues;

/** An entity's inclusion filter: a record is synced only when every clause holds (no clause: always). */
public final class Inclusion {

    private Inclusion() {
    }

    /** Whether {@code fields} (canonical NIA fields) pass every clause of {@code include}. */
    public static boolean includes(List<Condition> include, Map<String, ?> fields) {
        if (include == null) {
            return true;
        }
        for (Condition c : include) {
            if (!holds(c, fields.get(c.field()))) {
                return false;
            }
        }
        return true;
    }

    static boolean holds(Condition c, Object value) {
        if (c.operator() == null) {
            return false;
        }
        switch (c.operator()) {
            case EQ:
                return CanonicalValues.same(value, c.value());
            case NE:
                return !CanonicalValues.same(value, c.value());
            case IN:
                return anyOf(c.value(), value);
            case NOT_IN:
                return !anyOf(c.value(), value);
            case PRESENT:
                return CanonicalValues.canonical(value) != null;
            case ABSENT:
                return CanonicalValues.canonical(value) == null;
            default:
                return false;
        }
    }

    private static boolean anyOf(Object operand, Object value) {
        Collection<?> options = operand instanceof Collection<?> list ? list : List.of(operand);
        return options.stream().anyMatch(o -> CanonicalValues.same(value, o));
    }
}
