package com.nia.crmsync.systemtest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.nia.crmsync.infra.RepoLayout;

/**
 * The configuration keys one service module reads, read statically from its sources, and whether an
 * environment variable names one of them under Quarkus' rule (every character that is not a letter or
 * a digit becomes {@code _}, then upper case: {@code kafka.bootstrap.servers} → {@code KAFKA_BOOTSTRAP_SERVERS}).
 *
 * <p>A variable counts when it is (1) the environment form of a key in the module's
 * {@code application.properties} (profile prefixes dropped), (2) a {@code ${VARIABLE}} the file refers
 * to, (3) the environment form of a {@code @ConfigProperty(name = ...)} in the module or the common
 * modules it depends on, (4) a {@code @ConfigMapping} prefix followed by a path of that mapping's
 * accessors ({@code creatio} + {@code budget} + {@code ratePerSecond} → {@code CREATIO_BUDGET_RATE_PER_SECOND}),
 * or (5) one of the few Quarkus runtime keys in {@link #QUARKUS_RUNTIME_KEYS}, each set for a stated
 * reason and only where the service has the extension it belongs to.
 */
final class ServiceConfigKeys {

    /** A Quarkus key a service reads although its properties file does not state it. */
    record RuntimeKey(String variable, String requiresKeyPrefix, String reason) {
    }

    /**
     * The Quarkus runtime keys accepted without appearing in {@code application.properties}: a value
     * that must never be committed, or one Quarkus reads for every application.
     */
    static final List<RuntimeKey> QUARKUS_RUNTIME_KEYS = List.of(
            new RuntimeKey("QUARKUS_DATASOURCE_PASSWORD", "quarkus.datasource.",
                    "quarkus.datasource.password: the service's database role's password, a secret, so never in the file"),
            new RuntimeKey("QUARKUS_PROFILE", "quarkus.",
                    "quarkus.profile: the configuration profile (a packaged application runs prod by default)"),
            new RuntimeKey("QUARKUS_LOG_LEVEL", "quarkus.",
                    "quarkus.log.level: the root log level an operator raises while diagnosing"));

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern KEY_REFERENCE = Pattern.compile("\\$\\{([a-z][a-z0-9.\\-]*)[:}]");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern ACCESSOR = Pattern.compile("(\\w+)\\(\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\(\"([^\"]+)\"\\)");
    private static final List<String> COMMON_MODULES = List.of("common-messaging", "common-web");

    private final Path moduleDir;
    private final Set<String> propertyKeys = new TreeSet<>();
    private final Set<String> variables = new HashSet<>();
    /** Per mapping prefix (environment form), the environment forms of its accessors, nested groups included. */
    private final List<Map.Entry<String, Set<String>>> mappings = new ArrayList<>();

    private ServiceConfigKeys(Path moduleDir) {
        this.moduleDir = moduleDir;
    }

    /** Reads the keys of the module in {@code moduleDir} (relative to the repository root, e.g. {@code sync-api}). */
    static ServiceConfigKeys of(String moduleDir) {
        ServiceConfigKeys keys = new ServiceConfigKeys(RepoLayout.root().resolve(moduleDir).normalize());
        keys.readProperties();
        keys.readSources(keys.moduleDir);
        String pom = read(keys.moduleDir.resolve("pom.xml"));
        for (String common : COMMON_MODULES) {
            if (pom.contains("<artifactId>" + common + "</artifactId>")) {
                keys.readSources(RepoLayout.root().resolve(common));
            }
        }
        return keys;
    }

    /** Quarkus' environment form of a configuration key. */
    static String environmentForm(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** Whether the variable names a key this service reads (see the class comment for the rule). */
    boolean reads(String variable) {
        if (variables.contains(variable)) {
            return true;
        }
        for (RuntimeKey key : QUARKUS_RUNTIME_KEYS) {
            if (key.variable().equals(variable) && propertyKeys.stream().anyMatch(k -> k.startsWith(key.requiresKeyPrefix()))) {
                return true;
            }
        }
        for (Map.Entry<String, Set<String>> mapping : mappings) {
            String prefix = mapping.getKey() + "_";
            if (variable.startsWith(prefix) && isPath(variable.substring(prefix.length()), mapping.getValue())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code rest} is one accessor name or several joined by {@code _}. */
    private static boolean isPath(String rest, Set<String> accessors) {
        for (String accessor : accessors) {
            if (rest.equals(accessor)) {
                return true;
            }
            if (rest.startsWith(accessor + "_") && isPath(rest.substring(accessor.length() + 1), accessors)) {
                return true;
            }
        }
        return false;
    }

    private void readProperties() {
        Path file = moduleDir.resolve("src/main/resources/application.properties");
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : props.stringPropertyNames()) {
            String key = name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name;
            propertyKeys.add(key);
            variables.add(environmentForm(key));
            String value = props.getProperty(name);
            ENV_REFERENCE.matcher(value).results().forEach(m -> variables.add(m.group(1)));
            KEY_REFERENCE.matcher(value).results().forEach(m -> variables.add(environmentForm(m.group(1))));
        }
    }

    private void readSources(Path module) {
        Path sources = module.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = read(file);
                CONFIG_PROPERTY.matcher(text).results().forEach(m -> variables.add(environmentForm(m.group(1))));
                Matcher mapping = CONFIG_MAPPING.matcher(text);
                if (mapping.find()) {
                    Set<String> accessors = new HashSet<>();
                    ACCESSOR.matcher(text).results().forEach(m -> accessors.add(environmentForm(kebab(m.group(1)))));
                    WITH_NAME.matcher(text).results().forEach(m -> accessors.add(environmentForm(m.group(1))));
                    mappings.add(Map.entry(environmentForm(mapping.group(1)), accessors));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SmallRye Config's naming of an accessor: {@code ratePerSecond} → {@code rate-per-second}. */
    private static String kebab(String accessor) {
        return accessor.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
