package com.nia.crmsync.k8s;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonPatch;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * Renders a Kustomize directory without the kustomize binary, for the part of Kustomize that
 * deploy/k8s uses: {@code resources} (files and directories), {@code components} and {@code patches}
 * that are RFC 6902 JSON patches with a {@code target} of kind and optional name, applied in
 * Kustomize's order (a kustomization's resources, then its components in turn, then its own
 * patches). Any other field of a kustomization fails the render, so a layout that starts using more
 * of Kustomize cannot be validated by less than it renders to: extend this class or render with
 * {@code kubectl kustomize} then. The JSON patches are applied by Parsson (Jakarta JSON Processing).
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "resources", "components", "patches");
    private static final Set<String> TARGET_FIELDS = Set.of("kind", "name");

    private Kustomize() {
    }

    /** The objects a kustomization directory renders to, in Kustomize's order. */
    static List<ObjectNode> render(Path dir) {
        JsonNode kustomization = kustomization(dir, "Kustomization");
        List<ObjectNode> objects = new ArrayList<>();
        build(dir, kustomization, objects);
        requireUniqueIds(objects, dir);
        return objects;
    }

    /** {@code base} rendered, then the component directory applied to it, as an overlay listing only it would. */
    static List<ObjectNode> renderWithComponent(Path base, Path component) {
        List<ObjectNode> objects = render(base);
        applyComponent(component, objects);
        requireUniqueIds(objects, component);
        return objects;
    }

    /** Every object of a (multi-document) YAML file; empty documents are skipped. */
    static List<ObjectNode> readObjects(Path file) {
        List<ObjectNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc == null || doc.isNull() || doc.isMissingNode()) {
                    continue;
                }
                if (!doc.isObject()) {
                    throw new IllegalStateException(file + ": a document that is not an object");
                }
                objects.add((ObjectNode) doc);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    private static void build(Path dir, JsonNode kustomization, List<ObjectNode> objects) {
        for (JsonNode entry : kustomization.path("resources")) {
            Path path = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                objects.addAll(readObjects(path));
            }
        }
        for (JsonNode entry : kustomization.path("components")) {
            applyComponent(dir.resolve(entry.asText()).normalize(), objects);
        }
        applyPatches(dir, kustomization, objects);
    }

    private static void applyComponent(Path component, List<ObjectNode> objects) {
        build(component, kustomization(component, "Component"), objects);
    }

    private static void applyPatches(Path dir, JsonNode kustomization, List<ObjectNode> objects) {
        for (JsonNode patch : kustomization.path("patches")) {
            JsonNode target = patch.path("target");
            Iterator<String> fields = target.fieldNames();
            while (fields.hasNext()) {
                String field = fields.next();
                if (!TARGET_FIELDS.contains(field)) {
                    throw new IllegalStateException(dir + ": patch target field '" + field + "' is not rendered here");
                }
            }
            String kind = target.path("kind").asText(null);
            String name = target.path("name").asText(null);
            if (kind == null || !patch.has("path") || patch.size() != 2) {
                throw new IllegalStateException(dir + ": a patch needs exactly a path and a target with a kind");
            }
            JsonPatch operations = jsonPatch(dir.resolve(patch.path("path").asText()));
            int applied = 0;
            for (int i = 0; i < objects.size(); i++) {
                ObjectNode object = objects.get(i);
                if (kind.equals(object.path("kind").asText()) && (name == null || name.equals(Manifests.name(object)))) {
                    objects.set(i, apply(operations, object));
                    applied++;
                }
            }
            if (applied == 0) {
                throw new IllegalStateException(dir + ": patch " + patch.path("path").asText() + " matches no object");
            }
        }
    }

    private static JsonPatch jsonPatch(Path file) {
        try {
            JsonNode operations = YAML.readTree(file.toFile());
            if (!operations.isArray()) {
                throw new IllegalStateException(file + ": only JSON patches (a list of operations) are rendered here");
            }
            return Json.createPatch((JsonArray) toJsonP(operations));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode apply(JsonPatch patch, ObjectNode object) {
        JsonStructure patched = patch.apply((JsonStructure) toJsonP(object));
        try {
            return (ObjectNode) JSON.readTree(patched.toString());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonValue toJsonP(JsonNode node) {
        try (var reader = Json.createReader(new StringReader(JSON.writeValueAsString(node)))) {
            return reader.readValue();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode kustomization(Path dir, String expectedKind) {
        Path file = dir.resolve("kustomization.yaml");
        JsonNode kustomization;
        try {
            kustomization = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!expectedKind.equals(kustomization.path("kind").asText())) {
            throw new IllegalStateException(file + ": expected kind " + expectedKind);
        }
        Iterator<String> fields = kustomization.fieldNames();
        while (fields.hasNext()) {
            String field = fields.next();
            if (!KUSTOMIZATION_FIELDS.contains(field)) {
                throw new IllegalStateException(file + ": field '" + field + "' is not rendered here (see Kustomize's Javadoc)");
            }
        }
        return kustomization;
    }

    private static void requireUniqueIds(List<ObjectNode> objects, Path where) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode object : objects) {
            if (!ids.add(Manifests.id(object))) {
                throw new IllegalStateException(where + ": " + Manifests.id(object) + " is defined twice");
            }
        }
    }
}
