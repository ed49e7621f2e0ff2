package com.nia.crmsync.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server: started from zonky's embedded binaries (from Maven Central, so nothing
 * but a JDK is needed; as root zonky runs it in a user namespace), or attached to a running server
 * named by {@code NIA_PG_ADMIN_URL}. It provisions one role and schema per service.
 */
public final class PostgresServer implements AutoCloseable {

    /** The database every service shares, each in its own schema. */
    public static final String DATABASE = "nia";

    private final EmbeddedPostgres embedded;
    private final Path dataDir;
    private final String host;
    private final int port;
    private final String adminUser;
    private final String adminPassword;

    private PostgresServer(EmbeddedPostgres embedded, Path dataDir, String host, int port, String adminUser, String adminPassword) {
        this.embedded = embedded;
        this.dataDir = dataDir;
        this.host = host;
        this.port = port;
        this.adminUser = adminUser;
        this.adminPassword = adminPassword;
    }

    /**
     * Starts a server keeping its data in {@code dataDir}; when {@code persistent} is false the
     * folder is wiped at start and at close. Port 0 picks a free port.
     */
    public static PostgresServer start(Path dataDir, int port, boolean persistent) {
        try {
            Path work = dataDir.toAbsolutePath().getParent().resolve("pg-binaries");
            Files.createDirectories(work);
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(port == 0 ? FreePorts.next() : port)
                    .setDataDirectory(dataDir.toAbsolutePath())
                    .setCleanDataDirectory(!persistent)
                    .setOverrideWorkingDirectory(work.toFile())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", persistent ? "on" : "off")
                    .setServerConfig("synchronous_commit", persistent ? "on" : "off")
                    .setServerConfig("full_page_writes", persistent ? "on" : "off")
                    .start();
            PostgresServer server = new PostgresServer(pg, dataDir.toAbsolutePath(), "127.0.0.1", pg.getPort(), "postgres", "");
            server.ensureDatabase();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start PostgreSQL", e);
        }
    }

    /**
     * Attaches to a running server through an administrator's JDBC URL, e.g.
     * {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres&password=...}.
     */
    public static PostgresServer attach(String adminJdbcUrl) {
        java.net.URI uri = java.net.URI.create(adminJdbcUrl.substring("jdbc:".length()));
        String user = "postgres";
        String password = "";
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals("user")) {
                    user = kv[1];
                } else if (kv[0].equals("password") && kv.length > 1) {
                    password = kv[1];
                }
            }
        }
        PostgresServer server = new PostgresServer(null, null, uri.getHost(), uri.getPort(), user, password);
        server.ensureDatabase();
        return server;
    }

    /** Starts or attaches as the environment says ({@code NIA_PG_ADMIN_URL} means attach). */
    public static PostgresServer startOrAttach(Path dataDir) {
        String attachTo = System.getenv("NIA_PG_ADMIN_URL");
        return attachTo == null || attachTo.isBlank() ? start(dataDir, 0, false) : attach(attachTo);
    }

    public int port() {
        return port;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + DATABASE;
    }

    /**
     * Creates (or updates) the service's role with a fresh random password and a schema it owns.
     * Other roles get no right on that schema.
     */
    public ServiceDatabase provision(String role) {
        return provision(role, randomPassword());
    }

    /** As {@link #provision(String)} with a given password (the local stack keeps its passwords). */
    public ServiceDatabase provision(String role, String password) {
        if (!role.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("Not a role name: " + role);
        }
        try (Connection c = admin(DATABASE); Statement st = c.createStatement()) {
            boolean exists;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
                exists = rs.next();
            }
            String quotedPassword = "'" + password.replace("'", "''") + "'";
            st.execute((exists ? "ALTER ROLE " : "CREATE ROLE ") + role + " LOGIN PASSWORD " + quotedPassword);
            st.execute("CREATE SCHEMA IF NOT EXISTS " + role + " AUTHORIZATION " + role);
            st.execute("ALTER ROLE " + role + " SET search_path = " + role);
            st.execute("GRANT CONNECT ON DATABASE " + DATABASE + " TO " + role);
            return new ServiceDatabase(role, password, jdbcUrl() + "?currentSchema=" + role);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot provision role " + role, e);
        }
    }

    /** A connection as the administrator to a database; the caller closes it. */
    public Connection admin(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, adminUser, adminPassword);
    }

    /**
     * Restarts a started server on its port with its data, as an operator's restart does: a fast
     * shutdown (SIGINT: every session is cut, open transactions roll back), {@code down} without a
     * server, then the postmaster again with the command line it recorded ({@code postmaster.opts},
     * under zonky's {@code unshare -U} when run as root), waiting until it accepts connections.
     */
    public void restart(Duration down) {
        if (embedded == null) {
            throw new IllegalStateException("An attached PostgreSQL is not restarted from here");
        }
        try {
            long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
            List<String> command = postmasterCommand(Files.readString(dataDir.resolve("postmaster.opts")).trim());
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor();
            ProcessHandle.of(pid).ifPresent(p -> p.onExit().orTimeout(60, TimeUnit.SECONDS).join());
            Thread.sleep(down.toMillis());
            if ("root".equals(System.getProperty("user.name"))) {
                command.addAll(0, List.of("unshare", "-U"));
            }
            Path log = dataDir.resolveSibling("postgres-restarted.log");
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            Instant deadline = Instant.now().plusSeconds(60);
            while (true) {
                try (Connection c = admin(DATABASE)) {
                    return;
                } catch (SQLException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("PostgreSQL did not come back after a restart; see " + log, e);
                    }
                    Thread.sleep(200);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot restart PostgreSQL", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The words of {@code postmaster.opts}: the binary, then each argument in double quotes. */
    static List<String> postmasterCommand(String opts) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(opts);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    /** Stops the server (an attached one is left running). */
    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void ensureDatabase() {
        try (Connection c = admin("postgres"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE " + DATABASE);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + DATABASE, e);
        }
        try (Connection c = admin(DATABASE); Statement st = c.createStatement()) {
            // nobody but the owner of a schema may use it; the public schema is closed too
            st.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
            st.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot lock down database " + DATABASE, e);
        }
    }

    /** 36 hex characters from a secure random source. */
    public static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
