package com.nia.crmsync.infra;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance of a packaged Quarkus application run as a child JVM ({@code quarkus-run.jar}),
 * with its own port and log file; optionally with the JaCoCo agent so that system tests count
 * towards coverage.
 */
public final class QuarkusService {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceKind kind;
    private final String instanceName;
    private final int port;
    private final ManagedProcess process;

    /** An instance of a packaged application on its own (outside a {@link Stack}), e.g. for a test resource; not yet started. */
    public static QuarkusService of(ServiceKind kind, String instanceName, int port, Map<String, String> env, Path logDir, List<String> jvmOptions) {
        return new QuarkusService(kind, instanceName, port, env, logDir, jvmOptions);
    }

    QuarkusService(ServiceKind kind, String instanceName, int port, Map<String, String> env, Path logDir, List<String> jvmOptions) {
        this.kind = kind;
        this.instanceName = instanceName;
        this.port = port;
        Path jar = RepoLayout.quarkusRunJar(kind.module());
        if (!Files.exists(jar)) {
            throw new IllegalStateException("Not packaged: " + jar + " (run ./mvnw -DskipTests package)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ManagedProcess.javaExecutable());
        cmd.addAll(jvmOptions);
        Path agent = RepoLayout.jacocoAgentOrNull();
        if (agent != null) {
            Path exec = Path.of(System.getProperty("nia.jacoco.destfile", logDir.resolve("jacoco.exec").toString()));
            cmd.add("-javaagent:" + agent + "=destfile=" + exec + ",append=true,includes=com.nia.crmsync.*");
        }
        cmd.add("-jar");
        cmd.add(jar.toString());
        Map<String, String> environment = new java.util.HashMap<>(env);
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        this.process = new ManagedProcess(instanceName, cmd, environment, logDir.resolve(instanceName + ".log"), RepoLayout.root());
    }

    public ServiceKind kind() {
        return kind;
    }

    public String name() {
        return instanceName;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path logFile() {
        return process.logFile();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public QuarkusService start() {
        process.start();
        return this;
    }

    /** Graceful stop (SIGTERM): Quarkus shuts down, consumers commit and leave their groups. */
    public void stop() {
        process.stop(Duration.ofSeconds(20));
    }

    /** SIGKILL: nothing is committed or flushed. */
    public void kill() {
        process.kill();
    }

    /** Waits until {@code /q/health/ready} answers 200. */
    public QuarkusService awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(instanceName + " exited during start; see " + logFile());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return this;
                }
                last = response.statusCode() + " " + response.body();
            } catch (Exception e) {
                last = e.toString();
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException(instanceName + " not ready after " + timeout + " (" + last + "); see " + logFile());
    }
}
