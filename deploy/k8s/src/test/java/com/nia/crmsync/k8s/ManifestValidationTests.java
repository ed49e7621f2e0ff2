package com.nia.crmsync.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every overlay, and every component on the base, renders, and every object it renders is valid
 * against the committed schemas with unknown fields refused; the misspelt fixtures show that they are
 * refused, with the field's path.
 */
class ManifestValidationTests {

    private static StrictSchemas schemas;

    @BeforeAll
    static void loadSchemas() {
        schemas = StrictSchemas.load(Manifests.ROOT.resolve("schemas"));
    }

    static List<Manifests.Render> renders() {
        return Manifests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyRenderedObjectMatchesItsSchemaStrictly(Manifests.Render render) {
        assertThat(render.objects()).isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (ObjectNode object : render.objects()) {
            schemas.problems(object).forEach(p -> problems.add(Manifests.id(object) + ": " + p));
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theOverlaysAreLocalAndProduction() {
        assertThat(Manifests.overlays()).extracting(Manifests.Render::name)
                .containsExactly("overlays/local", "overlays/production");
    }

    @ParameterizedTest(name = "{0}: {1} at {2}")
    @CsvSource({
            "deployment-replcas.yaml, replcas, $.spec",
            "container-image-pull-polcy.yaml, imagePullPolcy, $.spec.template.spec.containers[0]",
            "kafkatopic-partitons.yaml, partitons, $.spec",
            "scaledobject-max-replica-cont.yaml, maxReplicaCont, $.spec",
            "kafkatopic-metadata-lables.yaml, lables, $.metadata"
    })
    void refusesAMisspeltFieldNamingItsPath(String fixture, String field, String path) {
        List<ObjectNode> objects = Kustomize.readObjects(Path.of("src/test/resources/misspelt", fixture));
        assertThat(objects).hasSize(1);

        List<String> problems = schemas.problems(objects.get(0));

        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(path + ":").contains("'" + field + "'");
    }

    @Test
    void refusesAKindWithoutASchema() {
        ObjectNode object = Kustomize.JSON.createObjectNode().put("apiVersion", "kafka.strimzi.io/v1beta2").put("kind", "KafkaTopic");

        assertThat(schemas.problems(object)).containsExactly("no schema for apiVersion/kind kafka.strimzi.io/v1beta2 KafkaTopic");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyImageOfOursIsItsModuleAtTheProjectVersion(Manifests.Render render) {
        String version = System.getProperty("nia.project.version");
        Set<String> images = render.objects().stream()
                .flatMap(o -> o.path("spec").path("template").path("spec").path("containers").findValues("image").stream())
                .map(JsonNode::asText)
                .filter(image -> image.startsWith("nia-crm-sync/"))
                .collect(Collectors.toSet());

        assertThat(images).isNotEmpty().allSatisfy(image -> {
            String module = image.substring("nia-crm-sync/".length(), image.indexOf(':'));
            assertThat(image).endsWith(":" + version);
            assertThat(Manifests.REPO.resolve(module).resolve("pom.xml").toFile().isFile()
                    || Manifests.REPO.resolve("deploy").resolve(module).resolve("pom.xml").toFile().isFile())
                    .as("a module %s for image %s", module, image).isTrue();
        });
    }
}
