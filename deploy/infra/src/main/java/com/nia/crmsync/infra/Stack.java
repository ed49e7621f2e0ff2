package com.nia.crmsync.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.nia.crmsync.model.Topics;

/**
 * The whole system as processes on this machine: a Kafka broker, PostgreSQL, optionally Keycloak
 * (the OpenID provider), and the packaged services, wired to each other. The local stack runs one with fixed ports and persistent data;
 * the system tests run one with random ports, several instances of a service when asked, and kill
 * or restart any of its processes.
 */
public final class Stack implements AutoCloseable {

    /** The OAuth client the gateway uses against the simulator. */
    public static final String CREATIO_CLIENT_ID = "nia-sync";

    private final Path dataDir;
    private final boolean persistent;
    private final boolean fixedPorts;
    private final Set<ServiceKind> services;
    private final List<String> jvmOptions;
    private final Map<ServiceKind, List<String>> kindJvmOptions;
    private final Map<ServiceKind, Map<String, String>> extraEnv;
    private final boolean seedDemoData;
    private final boolean keycloakEnabled;
    private final String externalIssuer;
    private final Properties secrets = new Properties();
    /** Every secret any stack of this JVM generated or loaded, by "name (data dir)". */
    private static final Map<String, String> ALL_SECRETS = new ConcurrentHashMap<>();
    private final Map<ServiceKind, Integer> ports = new HashMap<>();
    private final Map<String, QuarkusService> instances = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<ServiceKind, ServiceDatabase> databases = new HashMap<>();
    private KafkaBroker kafka;
    private PostgresServer postgres;
    private KeycloakServer keycloak;
    private CompletableFuture<Void> keycloakReady = CompletableFuture.completedFuture(null);

    private Stack(Builder b) {
        this.dataDir = b.dataDir.toAbsolutePath();
        this.persistent = b.persistent;
        this.fixedPorts = b.fixedPorts;
        this.services = b.services.isEmpty() ? EnumSet.noneOf(ServiceKind.class) : EnumSet.copyOf(b.services);
        this.jvmOptions = List.copyOf(b.jvmOptions);
        this.kindJvmOptions = b.kindJvmOptions;
        this.extraEnv = b.extraEnv;
        this.seedDemoData = b.seedDemoData;
        this.keycloakEnabled = b.keycloak;
        this.externalIssuer = b.oidcIssuer;
    }

    /** A generated secret of the stack (e.g. {@code creatio.client-secret}), for tests that act as a client. */
    public String secret(String name) {
        return secrets.getProperty(name);
    }

    /**
     * Every secret a stack of this JVM generated or loaded (passwords, client secrets, the Creatio
     * client secret), named {@code name (data dir)}: for tests that prove none of them is logged.
     */
    public static Map<String, String> secretsOfThisJvm() {
        return Map.copyOf(ALL_SECRETS);
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /**
     * Starts Keycloak when asked (not waited for: services validate tokens lazily, see
     * {@link #awaitIdentityProvider(Duration)}), the broker (creating the contract's topics) and
     * PostgreSQL (provisioning every service's role).
     */
    public Stack startInfrastructure() {
        try {
            Files.createDirectories(dataDir);
            if (!persistent) {
                // a throw-away stack starts from nothing: no topics, offsets or realm of an earlier run
                deleteTree(dataDir.resolve("kafka"));
                deleteTree(dataDir.resolve("keycloak"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loadSecrets();
        if (keycloakEnabled) {
            // demo users' passwords and service clients' secrets: generated once, never committed
            for (String role : KeycloakServer.DEMO_USERS.keySet()) {
                secrets.computeIfAbsent(KeycloakServer.passwordKey(role), k -> PostgresServer.randomPassword());
            }
            for (String client : KeycloakServer.SERVICE_CLIENTS) {
                secrets.computeIfAbsent(KeycloakServer.secretKey(client), k -> PostgresServer.randomPassword());
            }
            saveSecrets();
            keycloak = KeycloakServer.create(dataDir.resolve("keycloak"), dataDir.resolve("logs"), fixedPorts ? 8180 : FreePorts.next(), secrets);
            // the slowest process of the stack starts first and boots while everything else does
            keycloak.start();
            keycloakReady = CompletableFuture.runAsync(() -> keycloak.awaitReady(Duration.ofMinutes(4)));
        }
        kafka = KafkaBroker.create(dataDir.resolve("kafka"), fixedPorts ? 9092 : 0, fixedPorts ? 9093 : 0);
        // the broker's JVM boots while PostgreSQL starts in this one
        CompletableFuture<Void> kafkaReady = CompletableFuture.runAsync(kafka::start);
        postgres = PostgresServer.start(dataDir.resolve("postgres"), fixedPorts ? 15432 : 0, persistent);
        for (ServiceKind kind : services) {
            if (kind.databaseRole() != null) {
                String key = "db." + kind.databaseRole() + ".password";
                String password = secrets.getProperty(key);
                ServiceDatabase db = password == null ? postgres.provision(kind.databaseRole()) : postgres.provision(kind.databaseRole(), password);
                secrets.setProperty(key, db.password());
                databases.put(kind, db);
            }
        }
        // the Creatio client credentials the simulator accepts and the gateway presents: generated, never committed
        secrets.computeIfAbsent("creatio.client-secret", k -> PostgresServer.randomPassword());
        saveSecrets();
        kafkaReady.join();
        kafka.createTopics(Topics.ALL);
        return this;
    }

    /** Starts one instance of every service in dependency order and waits until all are ready. */
    public Stack startServices(Duration timeout) {
        List<QuarkusService> started = new ArrayList<>();
        for (ServiceKind kind : services) {
            started.add(startInstance(kind));
        }
        started.parallelStream().forEach(s -> s.awaitReady(timeout));
        return this;
    }

    /** Starts one more instance of a service (its own port and log) and returns it, not yet ready. */
    public QuarkusService startInstance(ServiceKind kind) {
        return startInstance(kind, Map.of());
    }

    /**
     * Starts one more instance of a service with some of its environment changed (e.g. a worker with a wrong
     * client secret) and returns it, not yet ready.
     */
    public QuarkusService startInstance(ServiceKind kind, Map<String, String> changedEnvironment) {
        int count = (int) instances.values().stream().filter(s -> s.kind() == kind).count();
        String name = count == 0 ? kind.id() : kind.id() + "-" + (count + 1);
        // after an instance was stopped or killed the count may name a running one: take the next free name
        for (int n = count + 2; instances.containsKey(name); n++) {
            name = kind.id() + "-" + n;
        }
        int port = count == 0 ? portOf(kind) : FreePorts.next();
        Map<String, String> env = environmentOf(kind);
        env.putAll(changedEnvironment);
        List<String> options = new ArrayList<>(jvmOptions);
        // the later of two -Xmx wins: a service's own options come after everyone's
        options.addAll(kindJvmOptions.getOrDefault(kind, List.of()));
        QuarkusService service = new QuarkusService(kind, name, port, env, dataDir.resolve("logs"), options);
        instances.put(name, service);
        return service.start();
    }

    /** The instance named {@code sync-worker}, {@code sync-worker-2}, ... */
    public QuarkusService instance(String name) {
        QuarkusService service = instances.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No instance " + name + " in " + instances.keySet());
        }
        return service;
    }

    public QuarkusService service(ServiceKind kind) {
        return instance(kind.id());
    }

    /** Stops an instance gracefully and forgets it (e.g. an extra worker a test added). */
    public void stopInstance(String name) {
        QuarkusService service = instance(name);
        service.stop();
        instances.remove(name);
    }

    /** SIGKILLs an instance (nothing committed or flushed, no group left) and forgets it: a crashed machine. */
    public void killInstance(String name) {
        QuarkusService service = instance(name);
        service.kill();
        instances.remove(name);
    }

    /** SIGKILLs an instance and starts it again on the same port; returns when it is ready. */
    public QuarkusService killAndRestart(String name, Duration timeout) {
        QuarkusService service = instance(name);
        service.kill();
        return service.start().awaitReady(timeout);
    }

    /**
     * Stops the broker (a controlled shutdown), leaves it down for {@code down}, and starts it again
     * on the same ports with the same data: topics, offsets and transactions survive.
     */
    public void restartBroker(Duration down) {
        kafka.stop();
        sleep(down);
        kafka.start();
    }

    /** Restarts PostgreSQL on its port with its data, down for {@code down} (every session is cut). */
    public void restartPostgres(Duration down) {
        postgres.restart(down);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the OpenID provider (if the stack runs one) answers; rethrows its start failure. */
    public Stack awaitIdentityProvider(Duration timeout) {
        try {
            keycloakReady.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Keycloak did not start", e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Keycloak not ready after " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return this;
    }

    /** The stack's Keycloak, or {@code null} when it runs none. */
    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** The issuer the services trust: the stack's Keycloak, the one given to the builder, or {@code null}. */
    public String oidcIssuer() {
        return keycloak != null ? keycloak.issuer() : externalIssuer;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public PostgresServer postgres() {
        return postgres;
    }

    public ServiceDatabase database(ServiceKind kind) {
        return databases.get(kind);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Every log file the stack's processes wrote, by process name. */
    public Map<String, Path> logs() {
        Map<String, Path> logs = new LinkedHashMap<>();
        if (kafka != null) {
            logs.put("kafka", kafka.logFile());
        }
        if (keycloak != null) {
            logs.put("keycloak", keycloak.logFile());
        }
        synchronized (instances) {
            instances.forEach((name, s) -> logs.put(name, s.logFile()));
        }
        return logs;
    }

    public Map<String, QuarkusService> instances() {
        synchronized (instances) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(instances));
        }
    }

    /** Stops every service (gracefully, so coverage agents dump), then the broker and PostgreSQL. */
    @Override
    public void close() {
        List<QuarkusService> reversed;
        synchronized (instances) {
            reversed = new ArrayList<>(instances.values());
        }
        Collections.reverse(reversed);
        reversed.parallelStream().forEach(QuarkusService::stop);
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private int portOf(ServiceKind kind) {
        return ports.computeIfAbsent(kind, k -> fixedPorts ? k.defaultPort() : FreePorts.next());
    }

    private Map<String, String> environmentOf(ServiceKind kind) {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_PROFILE", "prod");
        // the prod profile logs JSON lines (for containers); the local stack's and the tests' logs stay readable
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        // glibc gives each thread that allocates its own malloc arena (up to 8 per core): two are plenty for a service whose
        // memory is the JVM's own, and the arenas' unused pages were RSS (docs/performance.md, memory)
        env.put("MALLOC_ARENA_MAX", "2");
        if (kind.usesKafka()) {
            env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        ServiceDatabase db = databases.get(kind);
        if (db != null) {
            env.put("QUARKUS_DATASOURCE_JDBC_URL", db.jdbcUrl());
            env.put("QUARKUS_DATASOURCE_USERNAME", db.role());
            env.put("QUARKUS_DATASOURCE_PASSWORD", db.password());
        }
        if (kind.validatesTokens() && oidcIssuer() != null) {
            env.put("QUARKUS_OIDC_AUTH_SERVER_URL", oidcIssuer());
        }
        if (kind.hasServiceClient() && keycloak != null) {
            // the service's own client for client-credentials calls to the gateway (read by its OIDC client config)
            env.put("NIA_OIDC_TOKEN_ISSUER", keycloak.issuer());
            env.put("NIA_OIDC_CLIENT_ID", kind.id());
            env.put("NIA_OIDC_CLIENT_SECRET", secrets.getProperty(KeycloakServer.secretKey(kind.id())));
        }
        if (kind == ServiceKind.FRONT_ROUTER) {
            env.put("ROUTER_SYNC_API_URL", "http://127.0.0.1:" + portOf(ServiceKind.SYNC_API));
            env.put("ROUTER_CONFLICT_SERVICE_URL", "http://127.0.0.1:" + portOf(ServiceKind.CONFLICT_SERVICE));
        }
        if (kind == ServiceKind.SYNC_API || kind == ServiceKind.SYNC_WORKER) {
            env.put("GATEWAY_URL", "http://127.0.0.1:" + portOf(ServiceKind.CREATIO_GATEWAY));
        }
        if (kind == ServiceKind.SYNC_API) {
            // the admin console's link from a record to its Creatio page
            env.put("SYNC_API_CONSOLE_CREATIO_URL", "http://127.0.0.1:" + portOf(ServiceKind.CREATIO_SIMULATOR));
        }
        if (kind == ServiceKind.CREATIO_GATEWAY) {
            env.put("CREATIO_API_URL", "http://127.0.0.1:" + portOf(ServiceKind.CREATIO_SIMULATOR));
            env.put("CREATIO_CLIENT_ID", CREATIO_CLIENT_ID);
            env.put("CREATIO_CLIENT_SECRET", secrets.getProperty("creatio.client-secret"));
        }
        if (kind == ServiceKind.CREATIO_SIMULATOR) {
            env.put("SIMULATOR_IDENTITY_CLIENTS", CREATIO_CLIENT_ID + ":" + secrets.getProperty("creatio.client-secret"));
            env.put("SIMULATOR_SEED_ON_START", Boolean.toString(seedDemoData));
        }
        env.putAll(extraEnv.getOrDefault(kind, Map.of()));
        return env;
    }

    private void loadSecrets() {
        Path file = dataDir.resolve("secrets.properties");
        if (persistent && Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                secrets.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void saveSecrets() {
        secrets.stringPropertyNames().forEach(name -> ALL_SECRETS.put(name + " (" + dataDir + ")", secrets.getProperty(name)));
        if (!persistent) {
            return;
        }
        Path file = dataDir.resolve("secrets.properties");
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            try (OutputStream out = Files.newOutputStream(file)) {
                secrets.store(out, "generated by the local stack; never commit");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to build a {@link Stack}. */
    public static final class Builder {
        private final Path dataDir;
        private boolean persistent;
        private boolean fixedPorts;
        private Set<ServiceKind> services = EnumSet.allOf(ServiceKind.class);
        private final List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC"));
        private final Map<ServiceKind, List<String>> kindJvmOptions = new HashMap<>();
        private final Map<ServiceKind, Map<String, String>> extraEnv = new HashMap<>();
        private boolean seedDemoData;
        private boolean keycloak;
        private String oidcIssuer;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** Keep data (and generated passwords) across restarts; default false (wiped). */
        public Builder persistent(boolean persistent) {
            this.persistent = persistent;
            return this;
        }

        /** Use the documented default ports instead of random ones; default false. */
        public Builder fixedPorts(boolean fixedPorts) {
            this.fixedPorts = fixedPorts;
            return this;
        }

        /** Which services to run; default all. */
        public Builder services(Set<ServiceKind> services) {
            this.services = services.isEmpty() ? EnumSet.noneOf(ServiceKind.class) : EnumSet.copyOf(services);
            return this;
        }

        /** Start the Creatio simulator with its demo data; default false. */
        public Builder seedDemoData(boolean seed) {
            this.seedDemoData = seed;
            return this;
        }

        /** Run Keycloak (realm {@code nia}) and point every service at it; default false. */
        public Builder keycloak(boolean keycloak) {
            this.keycloak = keycloak;
            return this;
        }

        /** Without Keycloak: the issuer the services trust (e.g. a test issuer's URL); default none. */
        public Builder oidcIssuer(String issuerUrl) {
            this.oidcIssuer = issuerUrl;
            return this;
        }

        /** Extra JVM options for every service (e.g. C1 only for faster starts in tests). */
        public Builder jvmOption(String option) {
            this.jvmOptions.add(option);
            return this;
        }

        /** An extra JVM option for one service, after everyone's (e.g. a larger {@code -Xmx} for the simulator in a benchmark). */
        public Builder jvmOption(ServiceKind kind, String option) {
            this.kindJvmOptions.computeIfAbsent(kind, k -> new ArrayList<>()).add(option);
            return this;
        }

        /** An environment variable for one service (configuration override). */
        public Builder env(ServiceKind kind, String name, String value) {
            extraEnv.computeIfAbsent(kind, k -> new HashMap<>()).put(name, value);
            return this;
        }

        public Stack build() {
            return new Stack(this);
        }
    }
}
