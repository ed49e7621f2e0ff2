package com.nia.crmsync.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the repository root and the build outputs of other modules (the broker classpath, the
 * packaged services), so that any module's tests and the local stack can start them.
 */
public final class RepoLayout {

    private RepoLayout() {
    }

    /**
     * The repository root: the {@code nia.repo.root} system property (set by the parent POM for
     * tests), the {@code NIA_REPO_ROOT} environment variable, or the nearest parent folder of the
     * working directory that holds {@code mvnw} and {@code deploy/}.
     */
    public static Path root() {
        String configured = System.getProperty("nia.repo.root", System.getenv("NIA_REPO_ROOT"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("Cannot find the repository root; set NIA_REPO_ROOT");
    }

    /** The Kafka broker's runtime classpath, copied by the {@code deploy/kafka-dist} module. */
    public static Path kafkaLib() {
        Path lib = root().resolve("deploy/kafka-dist/target/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("No Kafka broker classpath at " + lib
                    + "; build it with ./mvnw -pl deploy/kafka-dist process-resources");
        }
        return lib;
    }

    /** Keycloak's distribution, unpacked by the {@code deploy/keycloak} module. */
    public static Path keycloakHome() {
        Path home = root().resolve("deploy/keycloak/target/keycloak-26.7.3");
        if (!Files.exists(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("No Keycloak at " + home + "; build it with ./mvnw -pl deploy/keycloak process-resources");
        }
        return home;
    }

    /** The packaged Quarkus application of a module, e.g. {@code sync-api} or {@code deploy/creatio-simulator}. */
    public static Path quarkusRunJar(String module) {
        return root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The JaCoCo runtime agent, when the build copied it (system tests), else {@code null}. */
    public static Path jacocoAgentOrNull() {
        String configured = System.getProperty("nia.jacoco.agent", System.getenv("NIA_JACOCO_AGENT"));
        if (configured == null || configured.isBlank()) {
            return null;
        }
        Path agent = Path.of(configured);
        return Files.exists(agent) ? agent : null;
    }
}
