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

    /** The renders, made when first asked for. */
    private static final class Rendered {
        static final List<Render> OVERLAYS = directories(ROOT.resolve("overlays"))
                .map(dir -> new Render("overlays/" + dir.getFileName(), Kustomize.render(dir))).toList();
        static final List<Render> COMPONENTS = directories(ROOT.resolve("components"))
                .map(dir -> new Render("base + components/" + dir.getFileName(), Kustomize.renderWithComponent(BASE, dir)))
                .toList();
    }

    private Manifests() {
    }

    /** Every overlay, and every component applied to the base alone: all that can be deployed. */
    static List<Render> all() {
        return Stream.concat(overlays().stream(), components().stream()).toList();
    }

    /** The overlays, rendered once per test run (tests only read them). */
    static List<Render> overlays() {
        return Rendered.OVERLAYS;
    }

    /** Each component applied to the base alone, rendered once per test run. */
    static List<Render> components() {
        return Rendered.COMPONENTS;
    }

    /** One overlay by its directory's name. */
    static Render overlay(String name) {
        return overlays().stream().filter(r -> r.name().equals("overlays/" + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no overlay " + name));
    }

    /** One component on the base, by its directory's name. */
    static Render component(String name) {
        return components().stream().filter(r -> r.name().endsWith("components/" + name)).findFirst()
                .orElseThrow(() -> new AssertionError("no component " + name));
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
