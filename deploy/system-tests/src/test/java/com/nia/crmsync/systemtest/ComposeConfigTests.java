package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.infra.RepoLayout;
import com.nia.crmsync.testkit.RequiresTool;

/**
 * {@code docker-compose config} accepts docker-compose.yml, with and without the simulator profile,
 * given the variables of {@code deploy/docker/env.example} (every {@code ${VAR:?}} must be set); a
 * misspelt option fails it. Debian's {@code docker-compose} (installed by {@code deploy/setup}) needs no
 * Docker engine for this; without the binary the test is skipped, under {@code CI=true} it fails.
 */
@RequiresTool("docker-compose")
class ComposeConfigTests {

    private static final Path ROOT = RepoLayout.root();

    @Test
    void theComposeFileIsValid() throws Exception {
        Result result = config(ROOT.resolve("docker-compose.yml"));
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("sync-worker:", "creatio-gateway:");
    }

    @Test
    void theComposeFileWithTheSimulatorProfileIsValid() throws Exception {
        Result result = config(ROOT.resolve("docker-compose.yml"), "--profile", "simulator");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("creatio-simulator:", "SIMULATOR_SEED_ON_START");
    }

    @Test
    void aMisspeltOptionFailsTheCheck() throws Exception {
        Result result = config(Path.of("src/test/resources/compose/invalid-compose.yml").toAbsolutePath());
        assertThat(result.exitCode()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("intervall");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result config(Path file, String... options) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", file.toString(),
                "--env-file", ROOT.resolve("deploy/docker/env.example").toString()));
        command.addAll(List.of(options));
        command.add("config");
        Process process = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("docker-compose config finished").isTrue();
        return new Result(process.exitValue(), output);
    }
}
