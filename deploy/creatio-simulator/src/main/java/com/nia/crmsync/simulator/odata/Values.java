package com.nia.crmsync.simulator.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.simulator.store.Ids;

/**
 * Conversions between JSON request values, stored values and Creatio's "no nulls" defaults.
 */
public final class Values {

    private Values() {
    }

    /** Creatio's value for an empty column of {@code type} (creatio-api.md §2.2). */
    public static Object empty(EdmType type) {
        switch (type) {
            case GUID:
                return CreatioIds.ZERO;
            case STRING:
                return "";
            case DATETIME:
                return CreatioTime.EMPTY;
            case BOOLEAN:
                return Boolean.FALSE;
            case INT32:
                return 0;
            case DECIMAL:
                return BigDecimal.ZERO;
            default:
                throw new IllegalStateException(type.name());
        }
    }

    public static Object orEmpty(Object value, EdmType type) {
        return value == null ? empty(type) : value;
    }

    /**
     * Converts a JSON value of a create or update body to the stored form; empty values become
     * {@code null}. Money/decimals are accepted as numbers or strings ({@code IEEE754Compatible=true}).
     */
    public static Object fromJson(Column column, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        switch (column.type()) {
            case GUID: {
                UUID id = parseGuid(node.asText());
                if (!node.isTextual() || id == null) {
                    throw cannotConvert(node, column);
                }
                return CreatioIds.ZERO.equals(id) ? null : id;
            }
            case STRING:
                if (!node.isValueNode()) {
                    throw cannotConvert(node, column);
                }
                return node.asText().isEmpty() ? null : node.asText();
            case DATETIME: {
                Instant instant = node.isTextual() ? CreatioTime.parseOrNull(node.asText()) : null;
                if (instant == null) {
                    throw cannotConvert(node, column);
                }
                instant = CreatioTime.toTicks(instant);
                return CreatioTime.EMPTY.equals(instant) ? null : instant;
            }
            case BOOLEAN:
                if (!node.isBoolean()) {
                    throw cannotConvert(node, column);
                }
                return node.booleanValue() ? Boolean.TRUE : null;
            case INT32:
                if (node.isIntegralNumber() && node.canConvertToInt()) {
                    return node.intValue();
                }
                if (node.isTextual()) {
                    try {
                        return Integer.parseInt(node.asText());
                    } catch (NumberFormatException e) {
                        throw cannotConvert(node, column);
                    }
                }
                throw cannotConvert(node, column);
            case DECIMAL:
                if (node.isNumber()) {
                    return node.decimalValue();
                }
                if (node.isTextual()) {
                    try {
                        return new BigDecimal(node.asText());
                    } catch (NumberFormatException e) {
                        throw cannotConvert(node, column);
                    }
                }
                throw cannotConvert(node, column);
            default:
                throw new IllegalStateException(column.type().name());
        }
    }

    public static UUID parseGuid(String text) {
        if (text == null || text.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Orders stored values of one type, empties included; strings ignore case as SQL Server's default collation does. */
    @SuppressWarnings("unchecked")
    public static int compare(Object a, Object b) {
        if (a instanceof UUID) {
            return Ids.GUID_ORDER.compare((UUID) a, (UUID) b);
        }
        if (a instanceof String) {
            return String.CASE_INSENSITIVE_ORDER.compare((String) a, (String) b);
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            return toDecimal(a).compareTo(toDecimal(b));
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    public static final Comparator<Object> ORDER = Values::compare;

    private static BigDecimal toDecimal(Object value) {
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        return new BigDecimal(value.toString());
    }

    private static ODataException cannotConvert(JsonNode node, Column column) {
        return ODataException.badRequest("item : Cannot convert the literal '" + node.asText()
                + "' to the expected type '" + column.type().edmName() + "'.\r\n");
    }
}
