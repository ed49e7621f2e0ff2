package com.nia.crmsync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code crm-sync} in-process with captured output and a given environment. */
record CliRun(int exit, String out, String err) {

    /** Runs with {@code env}; the token cache is a fresh directory unless {@code CRM_SYNC_CONFIG_DIR} is given. */
    static CliRun of(Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(env);
        if (!all.containsKey("CRM_SYNC_CONFIG_DIR")) {
            try {
                all.put("CRM_SYNC_CONFIG_DIR", Files.createTempDirectory("crm-sync-test").resolve("config").toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = CrmSync.run(new Console(new PrintWriter(out, true), new PrintWriter(err, true), all, false), Clock.systemUTC(), args);
        return new CliRun(exit, out.toString(), err.toString());
    }
}
