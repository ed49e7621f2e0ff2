package com.nia.crmsync.cli.render;

import java.time.Duration;
import java.util.Locale;

/**
 * The progress of a run: on a terminal a bar redrawn in place
 * ({@code [██████░░░░]  running  120/1000  12%  35.2/s  ETA 25s}), elsewhere a plain line per change
 * ({@code progress running 120/1000 12% 35.2/s eta 25s}). The rate is measured from the first reading.
 */
public final class ProgressBar {

    private static final int BAR = 30;

    private final boolean terminal;
    private long startDone = -1;
    private long startNanos;
    private String lastPlain;

    public ProgressBar(boolean terminal) {
        this.terminal = terminal;
    }

    /**
     * The text for a reading at {@code nanos} (a monotonic clock), or null when nothing changed on
     * a pipe. On a terminal it starts with a carriage return and has no newline.
     */
    public String update(String status, long done, long total, long nanos) {
        if (startDone < 0) {
            startDone = done;
            startNanos = nanos;
        }
        double seconds = (nanos - startNanos) / 1e9;
        Double rate = seconds >= 0.5 ? (done - startDone) / seconds : null;
        Duration eta = rate == null || rate <= 0 || total <= done ? null : Duration.ofSeconds(Math.round((total - done) / rate));
        if (terminal) {
            return "\r" + bar(done, total) + "  " + status + "  " + done + "/" + total + "  " + percent(done, total) + "%  "
                    + (rate == null ? "–/s" : String.format(Locale.ROOT, "%.1f/s", rate)) + "  ETA " + (eta == null ? "–" : eta(eta))
                    + "\u001b[K";
        }
        String plain = "progress " + status + " " + done + "/" + total + " " + percent(done, total) + "%";
        if (plain.equals(lastPlain)) {
            return null;
        }
        lastPlain = plain;
        return plain + (rate == null ? "" : String.format(Locale.ROOT, " %.1f/s", rate)) + (eta == null ? "" : " eta " + eta(eta))
                + "\n";
    }

    /** What ends the progress display: a newline on a terminal, nothing on a pipe. */
    public String finish() {
        return terminal ? "\n" : "";
    }

    static String bar(long done, long total) {
        int filled = total <= 0 ? 0 : (int) Math.min(BAR, done * BAR / total);
        return "[" + "█".repeat(filled) + "░".repeat(BAR - filled) + "]";
    }

    static long percent(long done, long total) {
        return total <= 0 ? 0 : Math.min(100, done * 100 / total);
    }

    static String eta(Duration d) {
        long s = d.toSeconds();
        if (s >= 3600) {
            return s / 3600 + "h" + (s % 3600) / 60 + "m";
        }
        if (s >= 60) {
            return s / 60 + "m" + s % 60 + "s";
        }
        return s + "s";
    }
}
