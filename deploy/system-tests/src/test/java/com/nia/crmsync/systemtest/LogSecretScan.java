package com.nia.crmsync.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Looks through every log file below a directory for secrets: the exact values it is given (the
 * Creatio client secret, the services' client secrets, database passwords) and any JSON Web Token
 * (every token the simulator, Keycloak and the test issuer hand out is one; a known one is named
 * by where it came from). A finding names the file, the line and what leaked, never the value.
 */
final class LogSecretScan {

    /** A JWT: three base64url parts, the first two JSON objects ({@code eyJ} is {@code {"}). */
    static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}");
    /** Shorter values are not secrets worth the name, and would match by chance. */
    private static final int SHORTEST_SECRET = 8;

    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final Map<String, String> tokens = new LinkedHashMap<>();

    /** A leak: where, and which secret (by name). */
    record Leak(Path file, int line, String what) {
        @Override
        public String toString() {
            return file + ":" + line + " holds " + what;
        }
    }

    /** Looks for {@code value}, reported as {@code name}; blank and very short values are ignored. */
    LogSecretScan secret(String name, String value) {
        if (value != null && value.length() >= SHORTEST_SECRET) {
            secrets.put(value, name);
        }
        return this;
    }

    /** A token known to have been issued, reported as {@code source} when found. */
    LogSecretScan token(String source, String value) {
        if (value != null) {
            tokens.put(value, source);
        }
        return this;
    }

    /** Every leak in the files below a directory named {@code logs} under {@code root}. */
    List<Leak> scan(Path root) {
        List<Leak> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> isLog(root.relativize(f))).toList()) {
                scanFile(file, leaks);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return leaks;
    }

    private static boolean isLog(Path relative) {
        for (Path part : relative) {
            if (part.toString().equals("logs")) {
                return true;
            }
        }
        return false;
    }

    private void scanFile(Path file, List<Leak> leaks) {
        List<String> lines;
        try {
            // ISO-8859-1 reads any bytes; the secrets are ASCII
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            for (Map.Entry<String, String> secret : secrets.entrySet()) {
                if (line.contains(secret.getKey())) {
                    leaks.add(new Leak(file, i + 1, secret.getValue()));
                }
            }
            Matcher jwt = JWT.matcher(line);
            while (jwt.find()) {
                leaks.add(new Leak(file, i + 1, tokens.getOrDefault(jwt.group(), "a JSON Web Token")));
            }
        }
    }
}
