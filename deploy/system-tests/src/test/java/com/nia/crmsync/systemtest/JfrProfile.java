package com.nia.crmsync.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.Stack;

/**
 * A JDK Flight Recorder recording of every service of a stack for one phase of {@link RatiosBench}
 * (started and stopped with {@code jcmd <pid> JFR.start/JFR.stop}, the {@code profile} settings:
 * an execution sample every 10 ms), and the hottest frames of each recording: the top frame of the
 * {@code jdk.ExecutionSample} events, and the first frame of our own code ({@code com.nia}) in them.
 * The recordings stay in the benchmark's output directory for {@code jfr print} or JDK Mission Control.
 */
final class JfrProfile {

    private final String name;
    private final Path dir;
    private final Map<String, Long> pids = new LinkedHashMap<>();

    private JfrProfile(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    /** Starts a recording named {@code name} in every service instance of the stack. */
    static JfrProfile start(Stack stack, String name, Path dir) {
        JfrProfile profile = new JfrProfile(name, dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        for (QuarkusService s : stack.instances().values()) {
            profile.pids.put(s.name(), s.pid());
            jcmd(s.pid(), "JFR.start", "name=" + name, "settings=profile");
        }
        return profile;
    }

    /** Stops and writes every recording; the three hottest top frames and own-code frames per service. */
    Map<String, Map<String, List<String>>> stop() {
        Map<String, Map<String, List<String>>> hot = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : pids.entrySet()) {
            Path file = dir.resolve(name + "-" + e.getKey() + ".jfr");
            jcmd(e.getValue(), "JFR.stop", "name=" + name, "filename=" + file);
            try {
                hot.put(e.getKey(), hottest(file, 3));
            } catch (IOException | RuntimeException failed) {
                hot.put(e.getKey(), Map.of("error", List.of(String.valueOf(failed))));
            }
        }
        return hot;
    }

    /**
     * The {@code n} most frequent top frames of a recording's execution samples, and the {@code n}
     * most frequent first {@code com.nia} frames, each as {@code Class.method (share %)}.
     */
    static Map<String, List<String>> hottest(Path recording, int n) throws IOException {
        Map<String, Integer> top = new LinkedHashMap<>();
        Map<String, Integer> own = new LinkedHashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null
                    || event.getStackTrace().getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            top.merge(frame(frames.get(0)), 1, Integer::sum);
            for (RecordedFrame f : frames) {
                if (f.getMethod() != null && f.getMethod().getType().getName().startsWith("com.nia.")) {
                    own.merge(frame(f), 1, Integer::sum);
                    break;
                }
            }
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        result.put("samples", List.of(Integer.toString(samples)));
        result.put("top_frames", ranked(top, samples, n));
        result.put("own_frames", ranked(own, samples, n));
        return result;
    }

    private static String frame(RecordedFrame f) {
        if (f.getMethod() == null) {
            return "?";
        }
        String type = f.getMethod().getType().getName();
        return type.substring(type.lastIndexOf('.') + 1) + "." + f.getMethod().getName() + " (" + type + ")";
    }

    private static List<String> ranked(Map<String, Integer> counts, int samples, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(n)
                .map(e -> String.format("%s %.1f %%", e.getKey(), 100.0 * e.getValue() / Math.max(1, samples)))
                .collect(Collectors.toList());
    }

    private static void jcmd(long pid, String... command) {
        List<String> cmd = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        cmd.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
                System.out.println("  jcmd " + String.join(" ", command) + " on " + pid + ": " + out.strip());
            }
        } catch (IOException e) {
            System.out.println("  jcmd failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
