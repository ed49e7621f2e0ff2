package com.nia.crmsync.cli.render;

import java.util.Map;

/**
 * How one value is shown in a table: null as {@code -}; a lookup value ({@code {"id", "name"}})
 * as its display name with the start of its id; text on one line.
 */
public final class Values {

    private Values() {
    }

    /** The value as a table cell. */
    public static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Map<?, ?> map && map.containsKey("id") && map.size() <= 2 && (map.size() == 1 || map.containsKey("name"))) {
            Object id = map.get("id");
            Object name = map.get("name");
            if (id == null) {
                return "-";
            }
            String shortId = String.valueOf(id).length() > 8 ? String.valueOf(id).substring(0, 8) + "…" : String.valueOf(id);
            return name == null ? String.valueOf(id) : name + " (" + shortId + ")";
        }
        return String.valueOf(value).replaceAll("\\s*\\R\\s*", " ");
    }

    /** {@code text} cut to {@code max} characters, the last one an ellipsis. */
    public static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
