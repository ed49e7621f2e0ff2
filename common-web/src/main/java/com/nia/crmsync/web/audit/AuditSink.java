package com.nia.crmsync.web.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.TreeSet;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes audit entries into the service's own {@code audit_entry} table, in the caller's
 * transaction when there is one, else in its own. Each owning service creates the table in its
 * schema with a Flyway migration of these columns (see {@code docs/security.md}): {@code id},
 * {@code occurred_at}, {@code actor}, {@code actor_roles}, {@code action}, {@code target},
 * {@code before_state} and {@code after_state} (jsonb), {@code correlation_id}, {@code outcome}.
 */
@ApplicationScoped
public class AuditSink {

    private static final String INSERT = "INSERT INTO audit_entry (occurred_at, actor, actor_roles, action, target,"
            + " before_state, after_state, correlation_id, outcome) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)";

    private final DataSource dataSource;

    public AuditSink(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(AuditEntry entry) {
        QuarkusTransaction.joiningExisting().run(() -> {
            try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(INSERT)) {
                st.setTimestamp(1, Timestamp.from(entry.occurredAt()));
                st.setString(2, entry.actor());
                st.setString(3, String.join(",", new TreeSet<>(entry.actorRoles())));
                st.setString(4, entry.action());
                st.setString(5, entry.target());
                st.setString(6, entry.beforeJson());
                st.setString(7, entry.afterJson());
                st.setString(8, entry.correlationId());
                st.setString(9, entry.outcome());
                st.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot write the audit entry for " + entry.action(), e);
            }
        });
    }
}
