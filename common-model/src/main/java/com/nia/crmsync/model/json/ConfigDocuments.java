package com.nia.crmsync.model.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;

import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;

/**
 * Reads the configuration document in either spelling. It is snake_case ({@code odata_root},
 * {@code updated_at}) like every public JSON, but versions stored in sync-api's
 * {@code creatio_configuration} table and the record on the compacted {@code crm.sync.config.v1}
 * topic before that change are camelCase ({@code odataRoot}, {@code updatedAt}). Read with the
 * snake_case names, such a document would lose every two-word property without an error (unknown
 * properties are ignored), so an old one is recognised and read with the camelCase names it was
 * written with. New documents are only ever written in snake_case.
 *
 * <p>A document is old when a property name at its top level has an upper-case letter: no
 * snake_case name has one, and every old configuration has {@code defaultMaxRetries} (a number,
 * always written) at its top level. Names inside maps ({@code owner_map} e-mails,
 * {@code value_map} values) are data and are never looked at or changed.
 */
public final class ConfigDocuments {

    /** The contract's mapper, except that {@code @JsonNaming} is not applied: the names are the Java (camelCase) ones. */
    private static final ObjectMapper CAMEL_CASE = Json.configure(new ObjectMapper())
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Object findNamingStrategy(AnnotatedClass ac) {
                    return null;
                }
            });

    private ConfigDocuments() {
    }

    /** A configuration (the body of a stored version), snake_case or camelCase. */
    public static CreatioConfiguration readConfiguration(String json) {
        return configuration(tree(json));
    }

    /** A configuration as a JSON tree, snake_case or camelCase. */
    public static CreatioConfiguration configuration(JsonNode tree) {
        return convert(tree, camelCase(tree), CreatioConfiguration.class);
    }

    /** A configuration record (the payload on the config topic), snake_case or camelCase. */
    public static ConfigRecord record(JsonNode tree) {
        boolean old = camelCase(tree) || camelCase(tree.path("configuration"));
        return convert(tree, old, ConfigRecord.class);
    }

    /** Whether {@code object}'s own property names are the camelCase ones of before (false for anything not an object). */
    public static boolean camelCase(JsonNode object) {
        if (object == null || !object.isObject()) {
            return false;
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (names.next().chars().anyMatch(Character::isUpperCase)) {
                return true;
            }
        }
        return false;
    }

    private static <T> T convert(JsonNode tree, boolean camelCase, Class<T> type) {
        try {
            return (camelCase ? CAMEL_CASE : Json.mapper()).treeToValue(tree, type);
        } catch (IOException e) {
            throw new UncheckedIOException("not a " + type.getSimpleName(), e);
        }
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not a JSON document", e);
        }
    }
}
