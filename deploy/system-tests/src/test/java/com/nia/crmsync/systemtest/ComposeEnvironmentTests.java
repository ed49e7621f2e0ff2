package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import com.nia.crmsync.infra.RepoLayout;

/**
 * docker-compose.yml configures the services through environment variables only, and every variable
 * it sets for one of them names a configuration key that service reads ({@link ServiceConfigKeys}
 * states the rule), so a misspelt variable (silently ignored by Quarkus) fails the build; the images
 * are built from each module's {@code src/main/docker/Dockerfile.jvm} and named after the module and
 * the project version. Static: no Docker needed.
 */
class ComposeEnvironmentTests {

    private static final Path COMPOSE = RepoLayout.root().resolve("docker-compose.yml");
    private static final Path MISSPELT = Path.of("src/test/resources/compose/misspelt-compose.yml");

    @Test
    void everyVariableComposeSetsForAServiceNamesAKeyTheServiceReads() throws IOException {
        Map<String, Service> services = services(COMPOSE);
        assertThat(services.keySet()).containsExactlyInAnyOrder("creatio-simulator", "creatio-gateway", "sync-api",
                "conflict-service", "sync-worker", "front-router");
        assertThat(unread(services)).isEmpty();
    }

    @Test
    void aMisspeltVariableIsFound() throws IOException {
        // the fixture: sync-worker with KAFKA_BOOTSTRAP_SERVER (no S) and a datasource it does not have,
        // the gateway with a budget accessor misspelt; every correctly spelt variable next to them passes
        assertThat(unread(services(MISSPELT))).containsExactly(
                "creatio-gateway: CREATIO_BUDGET_RATE_PER_SECONDS",
                "sync-worker: KAFKA_BOOTSTRAP_SERVER",
                "sync-worker: QUARKUS_DATASOURCE_PASSWORD");
    }

    @Test
    void quarkusEnvironmentNamingIsApplied() {
        assertThat(ServiceConfigKeys.environmentForm("kafka.bootstrap.servers")).isEqualTo("KAFKA_BOOTSTRAP_SERVERS");
        assertThat(ServiceConfigKeys.environmentForm("quarkus.log.category.\"com.nia\".level"))
                .isEqualTo("QUARKUS_LOG_CATEGORY__COM_NIA__LEVEL");
        ServiceConfigKeys gateway = ServiceConfigKeys.of("creatio-gateway");
        assertThat(gateway.reads("CREATIO_BUDGET_RATE_PER_SECOND")).as("a @ConfigMapping path").isTrue();
        assertThat(gateway.reads("CREATIO_API_URL")).as("a ${} reference of application.properties").isTrue();
        assertThat(gateway.reads("QUARKUS_DATASOURCE_PASSWORD")).as("a listed Quarkus runtime key").isTrue();
        assertThat(gateway.reads("GATEWAY_URL")).as("another service's variable").isFalse();
    }

    @Test
    void everyServiceImageIsBuiltFromItsModulesRecipeAndNamedAfterTheModuleAndTheProjectVersion() throws IOException {
        String version = projectVersion();
        services(COMPOSE).forEach((name, service) -> {
            Path module = RepoLayout.root().resolve(service.module());
            assertThat(module.resolve(service.dockerfile())).as(name).isEqualTo(module.resolve("src/main/docker/Dockerfile.jvm"))
                    .isRegularFile();
            assertThat(service.image()).as(name).isEqualTo("nia-crm-sync/" + artifactId(module) + ":" + version);
        });
    }

    @Test
    void noServiceMountsAFile() throws IOException {
        services(COMPOSE).forEach((name, service) -> assertThat(service.volumes()).as(name + ": configuration only through the environment")
                .isEmpty());
    }

    /** "service: VARIABLE" for every variable that names no key its service reads. */
    private static List<String> unread(Map<String, Service> services) {
        List<String> unread = new ArrayList<>();
        services.forEach((name, service) -> {
            ServiceConfigKeys keys = ServiceConfigKeys.of(service.module());
            for (String variable : new TreeSet<>(service.environment())) {
                if (!keys.reads(variable)) {
                    unread.add(name + ": " + variable);
                }
            }
        });
        unread.sort(null);
        return unread;
    }

    /** One of our services in a compose file: the module it is built from, its image, variables and mounts. */
    private record Service(String module, String dockerfile, String image, List<String> environment, List<Object> volumes) {
    }

    /** The compose file's services that are built from a module of this repository, by name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Service> services(Path file) throws IOException {
        Map<String, Object> compose;
        try (InputStream in = Files.newInputStream(file)) {
            // SafeConstructor resolves the file's anchors and merge keys (<<: *service) like docker-compose does
            compose = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        }
        Map<String, Service> services = new TreeMap<>();
        ((Map<String, Object>) compose.get("services")).forEach((name, value) -> {
            Map<String, Object> service = (Map<String, Object>) value;
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            if (build == null) {
                return; // Kafka, PostgreSQL, Keycloak: official images configured by their own variables
            }
            Object env = service.getOrDefault("environment", Map.of());
            List<String> variables = new ArrayList<>();
            if (env instanceof Map<?, ?> map) {
                map.keySet().forEach(k -> variables.add(k.toString()));
            } else {
                ((List<Object>) env).forEach(e -> variables.add(e.toString().split("=", 2)[0]));
            }
            String context = build.get("context").toString();
            services.put(name, new Service(context.startsWith("./") ? context.substring(2) : context, build.get("dockerfile").toString(),
                    String.valueOf(service.get("image")), variables, (List<Object>) service.getOrDefault("volumes", List.of())));
        });
        return services;
    }

    private static String projectVersion() throws IOException {
        return firstMatch(Files.readString(RepoLayout.root().resolve("pom.xml")), "</artifactId>\\s*<version>([^<]+)</version>");
    }

    private static String artifactId(Path module) {
        try {
            // the module's own artifactId: the first one after its <parent> block
            String pom = Files.readString(module.resolve("pom.xml"));
            return firstMatch(pom.substring(pom.indexOf("</parent>")), "<artifactId>([^<]+)</artifactId>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstMatch(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex).isTrue();
        return m.group(1);
    }
}
