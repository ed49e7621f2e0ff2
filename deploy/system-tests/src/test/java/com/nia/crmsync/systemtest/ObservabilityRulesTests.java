package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nia.crmsync.infra.RepoLayout;

/**
 * The Prometheus alert rules ({@code deploy/observability/alerts.yml}) are valid
 * ({@code promtool check rules}) and behave as their unit file says, every rule firing and not
 * firing ({@code promtool test rules alerts-test.yml}). promtool comes from Debian's
 * {@code prometheus} package ({@code deploy/setup} installs it); without it these tests skip with
 * the reason, except under {@code CI=true}, where they must run.
 */
class ObservabilityRulesTests {

    private static final Path DIR = RepoLayout.root().resolve("deploy/observability");

    private static String promtool;

    @BeforeAll
    static void promtool() {
        promtool = onPath("promtool");
        if (promtool == null && "true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("promtool is not on the PATH under CI=true: deploy/setup installs Debian's prometheus package");
        }
        assumeTrue(promtool != null, "promtool is not on the PATH (apt-get install prometheus, or deploy/setup as root)");
    }

    @Test
    void theAlertRulesPassPromtoolsCheck() throws Exception {
        String out = run(promtool, "check", "rules", "alerts.yml");

        assertThat(out).contains("SUCCESS");
    }

    @Test
    void everyAlertRuleFiresAndStaysQuietAsItsUnitTestsSay() throws Exception {
        String out = run(promtool, "test", "rules", "alerts-test.yml");

        assertThat(out).contains("SUCCESS");
    }

    @Test
    void thePrometheusConfigurationOfTheLocalStackIsValid() throws Exception {
        String out = run(promtool, "check", "config", "prometheus.yml");

        assertThat(out).contains("SUCCESS");
    }

    /** Runs promtool in deploy/observability; fails with its output unless it exits 0. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of(command)).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean done = p.waitFor(2, TimeUnit.MINUTES);
        assertThat(done).as("promtool finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + " says:%n%s", out).isZero();
        return out;
    }

    private static String onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
