package com.nia.crmsync.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Validates Kubernetes objects strictly against the schemas committed under deploy/k8s/schemas: the
 * Kubernetes API's OpenAPI definitions for built-in kinds, and the CustomResourceDefinitions'
 * {@code openAPIV3Schema} for Strimzi's and KEDA's kinds. Strict as kubeconform's {@code -strict} and
 * the standalone-strict JSON schemas are: every object schema that lists its properties gets
 * {@code additionalProperties: false}, so an unknown or misspelt field is an error naming its path
 * (the API server would drop it, or refuse it under strict field validation). int-or-string fields
 * take an integer or a string and quantities a string or a number, as the API server does. An object
 * whose apiVersion and kind have no schema is an error too, and so is a CRD object's metadata that the
 * Kubernetes ObjectMeta schema refuses.
 */
final class StrictSchemas {

    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
    private final ObjectNode definitions;
    /** apiVersion and kind of a built-in kind → its definition's name. */
    private final Map<String, String> builtIn = new HashMap<>();
    /** apiVersion and kind → its schema, built when first asked for. */
    private final Map<String, JsonSchema> byApiVersionAndKind = new HashMap<>();

    private StrictSchemas(Path schemas) {
        definitions = (ObjectNode) read(schemas.resolve("kubernetes/swagger-release-1.36.json")).get("definitions");
        definitions.properties().forEach(d -> strict(d.getValue()));
        ((ObjectNode) definitions.get(QUANTITY)).set("type", types("string", "number"));
        definitions.properties().forEach(d -> {
            for (JsonNode gvk : d.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
                builtIn.put(apiVersion + " " + gvk.path("kind").asText(), d.getKey());
            }
        });
        for (Path crd : crds(schemas)) {
            JsonNode spec = read(crd).path("spec");
            for (JsonNode version : spec.path("versions")) {
                if (version.path("served").asBoolean()) {
                    JsonNode schema = strict(version.path("schema").path("openAPIV3Schema").deepCopy());
                    byApiVersionAndKind.put(spec.path("group").asText() + "/" + version.path("name").asText() + " "
                            + spec.path("names").path("kind").asText(), factory.getSchema(schema));
                }
            }
        }
    }

    /** The schemas under {@code dir} (deploy/k8s/schemas). */
    static StrictSchemas load(Path dir) {
        return new StrictSchemas(dir);
    }

    /** What is wrong with {@code object}, each message naming the field's path; empty when it is valid. */
    List<String> problems(JsonNode object) {
        String key = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        JsonSchema schema = byApiVersionAndKind.computeIfAbsent(key,
                k -> builtIn.containsKey(k) ? factory.getSchema(rooted(builtIn.get(k))) : null);
        if (schema == null) {
            return List.of("no schema for apiVersion/kind " + key);
        }
        List<String> problems = new ArrayList<>();
        schema.validate(object).stream().map(ValidationMessage::getMessage).forEach(problems::add);
        if (!builtIn.containsKey(key)) {
            byApiVersionAndKind.computeIfAbsent(OBJECT_META, k -> factory.getSchema(rooted(OBJECT_META))).validate(object.path("metadata")).stream()
                    .map(m -> m.getMessage().replaceFirst("^\\$", "\\$.metadata")).forEach(problems::add);
        }
        return problems;
    }

    /** additionalProperties: false on every object schema that lists its properties, recursively. */
    private static JsonNode strict(JsonNode schema) {
        if (schema.isObject()) {
            ObjectNode node = (ObjectNode) schema;
            if ("int-or-string".equals(node.path("format").asText()) || node.path("x-kubernetes-int-or-string").asBoolean()) {
                node.remove("format");
                node.set("type", types("integer", "string"));
            }
            boolean declaresObject = node.has("properties") && "object".equals(node.path("type").asText("object"))
                    && !node.has("oneOf") && !node.has("anyOf");
            if (declaresObject && !node.has("additionalProperties") && !node.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                node.put("additionalProperties", false);
            }
            Iterator<JsonNode> children = node.elements();
            while (children.hasNext()) {
                strict(children.next());
            }
        } else if (schema.isArray()) {
            schema.forEach(StrictSchemas::strict);
        }
        return schema;
    }

    private ObjectNode rooted(String definition) {
        ObjectNode root = Kustomize.JSON.createObjectNode();
        root.put("$ref", "#/definitions/" + definition);
        root.set("definitions", definitions);
        return root;
    }

    private static ArrayNode types(String... types) {
        ArrayNode array = Kustomize.JSON.createArrayNode();
        for (String type : types) {
            array.add(type);
        }
        return array;
    }

    private static List<Path> crds(Path schemas) {
        try (Stream<Path> files = Files.walk(schemas)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return (file.toString().endsWith(".json") ? Kustomize.JSON : Kustomize.YAML).readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
