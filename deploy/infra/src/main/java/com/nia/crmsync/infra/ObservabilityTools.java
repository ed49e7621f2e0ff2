package com.nia.crmsync.infra;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prometheus and Grafana for the local stack, started only where their binaries are on the PATH
 * ({@code prometheus}, {@code grafana-server}): Prometheus on 127.0.0.1:9090 with
 * {@code deploy/observability/prometheus.yml} (scraping the services' fixed ports, with the alert
 * rules), Grafana on 127.0.0.1:3000 provisioned with that Prometheus and the NIA dashboard. Their
 * data lives beside the stack's; a missing binary is reported, never an error.
 */
final class ObservabilityTools {

    private final List<ManagedProcess> processes = new ArrayList<>();
    private final List<String> started = new ArrayList<>();

    /** Starts whichever of the two tools is installed; returns a line per tool for the ready message. */
    List<String> startIfPresent(Path dataDir) {
        Path observability = RepoLayout.root().resolve("deploy/observability");
        Optional<Path> prometheus = onPath("prometheus");
        if (prometheus.isPresent()) {
            Path data = dataDir.resolve("prometheus");
            processes.add(new ManagedProcess("prometheus", List.of(prometheus.get().toString(),
                    "--config.file=" + observability.resolve("prometheus.yml"), "--storage.tsdb.path=" + data,
                    "--web.listen-address=127.0.0.1:9090"), Map.of(), data.resolve("prometheus.log"), observability).start());
            started.add(String.format("  %-20s %s   (log: %s)", "prometheus", "http://127.0.0.1:9090", data.resolve("prometheus.log")));
        } else {
            started.add("  prometheus           not on the PATH: not started (docs/observability.md, \"Dashboard\")");
        }
        Optional<Path> grafana = onPath("grafana-server");
        if (grafana.isPresent()) {
            Path data = dataDir.resolve("grafana");
            String home = System.getenv().getOrDefault("GRAFANA_HOME", "/usr/share/grafana");
            processes.add(new ManagedProcess("grafana", List.of(grafana.get().toString(), "--homepath", home), Map.of(
                    "GF_PATHS_DATA", data.toString(),
                    "GF_PATHS_LOGS", data.toString(),
                    "GF_PATHS_PROVISIONING", observability.resolve("grafana/provisioning").toString(),
                    "GF_SERVER_HTTP_ADDR", "127.0.0.1",
                    "GF_SERVER_HTTP_PORT", "3000",
                    "NIA_DASHBOARDS", observability.toString()), data.resolve("grafana.log"), observability).start());
            started.add(String.format("  %-20s %s   (log: %s)", "grafana", "http://127.0.0.1:3000", data.resolve("grafana.log")));
        } else {
            started.add("  grafana              not on the PATH: not started (import deploy/observability/grafana-dashboard.json by hand)");
        }
        return started;
    }

    /** Stops what was started. */
    void stop() {
        processes.forEach(p -> p.stop(Duration.ofSeconds(10)));
    }

    private static Optional<Path> onPath(String binary) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, binary);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
