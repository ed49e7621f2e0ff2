package com.nia.crmsync.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.Stack;

/**
 * CPU seconds each part of a benchmark's stack spends on a stretch of work: every service instance,
 * PostgreSQL and the broker, from {@code /proc/<pid>/stat} ({@code utime + stime + cutime + cstime}, in
 * the kernel's 100 ticks a second). PostgreSQL is every {@code postgres} process on the machine and the
 * broker every {@code kafka.Kafka} process, so another stack running beside the benchmark is counted
 * with them. JFR sees Java code only; this also counts PostgreSQL and the services' GC and JIT threads.
 * Linux only; elsewhere every figure is 0.
 */
final class CpuSplit {

    private static final double TICKS_PER_SECOND = 100.0;

    private final Map<String, Long> before;

    private CpuSplit(Map<String, Long> before) {
        this.before = before;
    }

    /** Starts measuring. */
    static CpuSplit start(Stack stack) {
        return new CpuSplit(ticks(stack));
    }

    /** CPU seconds per part since {@link #start}, rounded to a tenth. */
    Map<String, Double> seconds(Stack stack) {
        Map<String, Long> after = ticks(stack);
        Map<String, Double> out = new LinkedHashMap<>();
        after.forEach((part, t) -> out.put(part, Math.round((t - before.getOrDefault(part, 0L)) / TICKS_PER_SECOND * 10) / 10.0));
        return out;
    }

    private static Map<String, Long> ticks(Stack stack) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (QuarkusService s : stack.instances().values()) {
            out.put(s.name(), ticksOf(s.pid()));
        }
        long postgres = 0;
        long broker = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                String comm = read(p.resolve("comm")).strip();
                if ("postgres".equals(comm)) {
                    postgres += ticksOf(pid);
                } else if (read(p.resolve("cmdline")).contains("kafka.Kafka")) {
                    broker += ticksOf(pid);
                }
            }
        } catch (IOException e) {
            return out;
        }
        out.put("postgres", postgres);
        out.put("broker", broker);
        return out;
    }

    private static long ticksOf(long pid) {
        String stat = read(Path.of("/proc/" + pid + "/stat"));
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return 0;
        }
        // after "pid (comm) ": state is field 3, utime..cstime fields 14..17
        String[] f = stat.substring(close + 2).split(" ");
        return f.length < 15 ? 0 : Long.parseLong(f[11]) + Long.parseLong(f[12]) + Long.parseLong(f[13]) + Long.parseLong(f[14]);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
