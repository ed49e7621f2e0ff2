package com.nia.crmsync.infra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process with its own log file that can be stopped gracefully (SIGTERM), killed
 * (SIGKILL) and started again with the same command. Every process the stack and the system-test
 * harness run is one of these, so none is left behind.
 */
public final class ManagedProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path logFile;
    private final Path workDir;
    private Process process;

    public ManagedProcess(String name, List<String> command, Map<String, String> environment, Path logFile, Path workDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.logFile = logFile;
        this.workDir = workDir;
    }

    /** Starts the process, appending its standard output and error to the log file. */
    public synchronized ManagedProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== start " + java.time.Instant.now() + " ===" + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    /** SIGTERM, then SIGKILL when the process has not exited within the grace period. */
    public synchronized void stop(Duration grace) {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill();
        }
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or committed. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    public String name() {
        return name;
    }

    public Path logFile() {
        return logFile;
    }

    /** The java launcher of the running JVM, so child JVMs use the same JDK. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A classpath made of every jar in a folder (the JVM's own wildcard form). */
    public static String classpathOf(Path libDir) {
        return libDir.toAbsolutePath() + File.separator + "*";
    }

    /** A mutable command list starting with the java launcher. */
    public static List<String> javaCommand(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(javaExecutable());
        cmd.addAll(List.of(args));
        return cmd;
    }
}
