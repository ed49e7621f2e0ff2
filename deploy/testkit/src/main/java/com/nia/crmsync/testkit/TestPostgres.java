package com.nia.crmsync.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import com.nia.crmsync.infra.PostgresServer;
import com.nia.crmsync.infra.ServiceDatabase;

/** A test's handle on the real PostgreSQL server and the database role its service runs as. */
public final class TestPostgres {

    private final PostgresServer server;
    private final ServiceDatabase database;

    TestPostgres(PostgresServer server, ServiceDatabase database) {
        this.server = server;
        this.database = database;
    }

    /** The role, schema and JDBC URL the service under test uses. */
    public ServiceDatabase database() {
        return database;
    }

    /** Provisions (or re-keys) another service's role, e.g. to prove it cannot read this one's tables. */
    public ServiceDatabase provision(String role) {
        return server.provision(role);
    }

    /** A connection as the given service role; the caller closes it. */
    public Connection connectAs(ServiceDatabase db) throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.role(), db.password());
    }

    /** A connection as the service's own role; the caller closes it. */
    public Connection connect() throws SQLException {
        return connectAs(database);
    }
}
