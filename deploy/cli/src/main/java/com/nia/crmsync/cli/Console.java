package com.nia.crmsync.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a {@code crm-sync} run talks to besides the API: its output and error streams, its
 * environment, whether its output is a terminal (live progress bar) or a pipe (plain lines), and
 * the user's configuration directory (the token cache). Tests hand in their own.
 *
 * @param out      where answers go
 * @param err      where progress, prompts and error lines go
 * @param env      the environment ({@code CRM_SYNC_URL}, {@code CRM_SYNC_TOKEN}, ...)
 * @param terminal whether {@code out} is a terminal
 */
public record Console(PrintWriter out, PrintWriter err, Map<String, String> env, boolean terminal) {

    /** The process' own console. */
    public static Console system() {
        return new Console(new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv(),
                System.console() != null);
    }

    /** An environment variable, or {@code fallback} when unset or blank. */
    public String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /**
     * The user's configuration directory: {@code CRM_SYNC_CONFIG_DIR}, else
     * {@code $XDG_CONFIG_HOME/crm-sync}, else {@code ~/.config/crm-sync}.
     */
    public Path configDir() {
        String own = env("CRM_SYNC_CONFIG_DIR", null);
        if (own != null) {
            return Path.of(own);
        }
        String xdg = env("XDG_CONFIG_HOME", null);
        return xdg != null ? Path.of(xdg, "crm-sync") : Path.of(System.getProperty("user.home"), ".config", "crm-sync");
    }
}
