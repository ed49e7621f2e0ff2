package com.nia.crmsync.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the manifests are and how tests find objects in a render: the overlays and components under
 * deploy/k8s, each rendered as Kubernetes would receive it.
 */
final class Manifests {

    /** deploy/k8s: the module's own directory, where Surefire runs. */
    static final Path ROOT = Path.of("").toAbsolutePath();
    static final Path BASE = ROOT.resolve("base");
    /** The repository's root, for the files the manifests must agree with. */
    static final Path REPO = ROOT.resolve("../..").normalize();

    /** One render: a name for messages and the objects. */
    record Render(String name, List<ObjectNode> objects) {

        @Override
        public String toString() {
            return name;
        }

        Stream<ObjectNode> ofKind(String kind) {
            return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
        }

        ObjectNode get(String kind, String name) {
            return ofKind(kind).filter(o -> name.equals(Manifests.name(o))).findFirst()
                    .orElseThrow(() -> new AssertionError(this.name + " has no " + kind + " " + name));
        }
    }

    private Manifests() {
    }

    /** Every overlay, and every component applied to the base alone: all that can be deployed. */
    static List<Render> all() {
        return Stream.concat(overlays().stream(), components().stream()).toList();
    }

    static List<Render> overlays() {
        return directories(ROOT.resolve("overlays")).map(dir -> new Render("overlays/" + dir.getFileName(), Kustomize.render(dir)))
                .toList();
    }

    static List<Render> components() {
        return directories(ROOT.resolve("components"))
                .map(dir -> new Render("base + components/" + dir.getFileName(), Kustomize.renderWithComponent(BASE, dir)))
                .toList();
    }

    static Render render(String relative) {
        return new Render(relative, Kustomize.render(ROOT.resolve(relative)));
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** Kustomize's identity of an object: group/version, kind, namespace and name. */
    static String id(JsonNode object) {
        return object.path("apiVersion").asText() + " " + object.path("kind").asText() + " "
                + object.path("metadata").path("namespace").asText("") + "/" + name(object);
    }

    private static Stream<Path> directories(Path parent) {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
