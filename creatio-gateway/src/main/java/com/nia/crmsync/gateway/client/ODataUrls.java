package com.nia.crmsync.gateway.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds OData URLs relative to the service root the way Creatio reads them: bare GUID keys
 * ({@code Lead(<guid>)}), single-quoted strings with {@code '} doubled, spaces as {@code %20}
 * (never {@code +}), query option names left as {@code $filter}.
 */
public final class ODataUrls {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z][A-Za-z0-9_]{0,127}$");

    private ODataUrls() {
    }

    /** Whether a text can be an entity-set or column name (letters, digits, underscore). */
    public static boolean isName(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    /** {@code Set(<guid>)}. */
    public static String entity(String set, UUID id) {
        return set + "(" + id + ")";
    }

    /** An OData string literal. */
    public static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /** A query string of options in the given order, values percent-encoded. */
    public static String query(Map<String, String> options) {
        return options.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isEmpty())
                .map(e -> e.getKey() + "=" + encode(e.getValue())).collect(Collectors.joining("&"));
    }

    /** {@code set?options}. */
    public static String withQuery(String path, Map<String, String> options) {
        String query = query(options);
        return query.isEmpty() ? path : path + "?" + query;
    }

    /** An ordered option map. */
    public static Map<String, String> options() {
        return new LinkedHashMap<>();
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
