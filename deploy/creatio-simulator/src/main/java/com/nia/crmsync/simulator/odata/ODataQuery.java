package com.nia.crmsync.simulator.odata;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.nia.crmsync.simulator.store.Entity;
import com.nia.crmsync.simulator.store.Ids;

/**
 * The system query options of one collection read ({@code $filter $select $expand $orderby $top
 * $skip $count}), parsed and checked against the entity type.
 */
public final class ODataQuery {

    /** One {@code $expand} item: the lookup column, its target type and an optional nested {@code $select}. */
    public record Expansion(Column lookup, EntityType target, List<Column> select) {
    }

    /** One {@code $orderby} key. */
    public record OrderKey(String path, Function<Entity, Object> value, boolean descending) {
    }

    public FilterParser.Result filter = new FilterParser.Result();
    public List<OrderKey> orderBy = List.of();
    public Integer top;
    public int skip;
    public boolean count;
    public List<Column> select;
    public List<Expansion> expand = List.of();

    /** Whether the order asked for is the store's {@code ModifiedOn, Id} index order (or none at all). */
    public boolean indexOrder() {
        if (orderBy.isEmpty()) {
            return true;
        }
        if (orderBy.get(0).descending() || !orderBy.get(0).path().equals(EntityType.MODIFIED_ON)) {
            return false;
        }
        return orderBy.size() == 1
                || orderBy.size() == 2 && !orderBy.get(1).descending() && orderBy.get(1).path().equals(EntityType.ID);
    }

    /** The comparator for {@code $orderby}, with {@code Id} as the final tie-breaker so pages are stable. */
    public Comparator<Entity> comparator() {
        Comparator<Entity> comparator = null;
        for (OrderKey key : orderBy) {
            Comparator<Entity> next = Comparator.comparing(key.value(), Values.ORDER);
            if (key.descending()) {
                next = next.reversed();
            }
            comparator = comparator == null ? next : comparator.thenComparing(next);
        }
        Comparator<Entity> byId = Comparator.comparing(Entity::id, Ids.GUID_ORDER);
        return comparator == null ? byId : comparator.thenComparing(byId);
    }

    /** Parses the options of a request on {@code type}; unknown options starting with {@code $} are rejected. */
    public static ODataQuery parse(Map<String, String> params, EntityType type, EntityModel model,
            FilterParser.RowLookup rows, boolean quotedDatetimeIs400, boolean scalarLookupIs500) {
        ODataQuery query = new ODataQuery();
        FilterParser parser = new FilterParser(type, model, rows, quotedDatetimeIs400, scalarLookupIs500);
        for (Map.Entry<String, String> option : params.entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            switch (name) {
                case "$filter":
                    query.filter = parser.parse(value);
                    break;
                case "$top":
                    query.top = nonNegative(name, value);
                    break;
                case "$skip":
                    query.skip = nonNegative(name, value);
                    break;
                case "$count":
                    if (!value.equals("true") && !value.equals("false")) {
                        throw ODataException.badRequest("'" + value + "' is not a valid count option.");
                    }
                    query.count = value.equals("true");
                    break;
                case "$select":
                    query.select = columns(type, value);
                    break;
                case "$orderby":
                    query.orderBy = orderBy(parser, value);
                    break;
                case "$expand":
                    query.expand = expand(type, model, value);
                    break;
                case "$format":
                case "$skiptoken":
                    break;
                default:
                    if (name.startsWith("$")) {
                        throw ODataException.badRequest("The query parameter '" + name + "' is not supported.");
                    }
            }
        }
        return query;
    }

    private static int nonNegative(String option, String value) {
        try {
            int number = Integer.parseInt(value.trim());
            if (number >= 0) {
                return number;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw ODataException.badRequest("Invalid value '" + value + "' for " + option
                + " query option found. The " + option + " query option requires a non-negative integer value.");
    }

    static List<Column> columns(EntityType type, String list) {
        List<Column> columns = new ArrayList<>();
        for (String name : splitTopLevel(list)) {
            if (name.equals("*")) {
                return null;
            }
            Column column = type.column(name);
            if (column == null) {
                throw ODataException.badRequest("Could not find a property named '" + name + "' on type '"
                        + ODataNames.qualified(type.name()) + "'.");
            }
            columns.add(column);
        }
        return columns;
    }

    private static List<OrderKey> orderBy(FilterParser parser, String list) {
        List<OrderKey> keys = new ArrayList<>();
        for (String item : splitTopLevel(list)) {
            String[] parts = item.trim().split("\\s+");
            if (parts.length > 2 || parts.length == 2 && !parts[1].matches("(?i)asc|desc")) {
                throw ODataException.badRequest("Syntax error in $orderby: '" + item + "'.");
            }
            boolean descending = parts.length == 2 && parts[1].toLowerCase(Locale.ROOT).equals("desc");
            keys.add(new OrderKey(parts[0], parser.pathValue(parts[0]), descending));
        }
        return keys;
    }

    private static List<Expansion> expand(EntityType type, EntityModel model, String list) {
        List<Expansion> items = new ArrayList<>();
        for (String item : splitTopLevel(list)) {
            String name = item;
            String nested = null;
            int paren = item.indexOf('(');
            if (paren > 0 && item.endsWith(")")) {
                name = item.substring(0, paren).trim();
                nested = item.substring(paren + 1, item.length() - 1);
            }
            Column lookup = type.navigation(name);
            if (lookup == null) {
                throw ODataException.badRequest("Could not find a property named '" + name + "' on type '"
                        + ODataNames.qualified(type.name()) + "'.");
            }
            EntityType target = model.type(lookup.lookupSet());
            List<Column> select = null;
            if (nested != null) {
                for (String option : nested.split(";")) {
                    String[] pair = option.split("=", 2);
                    if (pair.length == 2 && pair[0].trim().equals("$select")) {
                        select = columns(target, pair[1]);
                    } else {
                        throw ODataException.badRequest("Only $select is supported inside $expand: '" + option + "'.");
                    }
                }
            }
            items.add(new Expansion(lookup, target, select));
        }
        return items;
    }

    /** Splits a comma list, leaving commas inside parentheses alone. */
    private static List<String> splitTopLevel(String list) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(list.substring(start, i).trim());
                start = i + 1;
            }
        }
        items.add(list.substring(start).trim());
        items.removeIf(String::isEmpty);
        return items;
    }
}
