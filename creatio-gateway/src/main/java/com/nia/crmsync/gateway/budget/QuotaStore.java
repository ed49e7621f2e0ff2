package com.nia.crmsync.gateway.budget;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Creatio's daily call quota in PostgreSQL (table {@code call_quota}, one row per UTC day), shared
 * by every gateway replica and kept across restarts. A reservation is one atomic conditional
 * upsert, so two replicas can never both take the last calls; a new UTC day is a new row, which
 * is the 00:00 UTC reset. Plain JDBC on purpose: the whole job is one statement, and an entity
 * would need a read-modify-write under a lock to be as safe.
 */
@ApplicationScoped
public class QuotaStore {

    private static final String RESERVE = """
            INSERT INTO call_quota AS q (quota_day, calls_used, updated_at) SELECT ?, ?, now() WHERE ? <= ?
            ON CONFLICT (quota_day) DO UPDATE SET calls_used = q.calls_used + EXCLUDED.calls_used, updated_at = now()
            WHERE q.calls_used + EXCLUDED.calls_used <= ?
            RETURNING calls_used""";

    private final DataSource dataSource;
    private final Clock clock;

    @Inject
    public QuotaStore(DataSource dataSource) {
        this(dataSource, Clock.systemUTC());
    }

    public QuotaStore(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Today (UTC), the quota day. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneOffset.UTC));
    }

    /**
     * Takes {@code calls} from today's quota if the total stays at or below {@code ceiling};
     * returns the new total, or empty when the ceiling would be passed (nothing is taken then).
     */
    public OptionalLong reserve(long calls, long ceiling) {
        LocalDate day = today();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(RESERVE)) {
            insert.setDate(1, Date.valueOf(day));
            insert.setLong(2, calls);
            insert.setLong(3, calls);
            insert.setLong(4, ceiling);
            insert.setLong(5, ceiling);
            try (ResultSet row = insert.executeQuery()) {
                return row.next() ? OptionalLong.of(row.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("quota store unavailable: " + e.getSQLState(), e);
        }
    }

    /** Calls used today, as every replica sees it. */
    public long usedToday() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT calls_used FROM call_quota WHERE quota_day = ?")) {
            select.setDate(1, Date.valueOf(today()));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("quota store unavailable: " + e.getSQLState(), e);
        }
    }

    /** Sets today's count (tests and an operator's correction after Creatio's own count). */
    public void setUsedToday(long used) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO call_quota (quota_day, calls_used) VALUES (?, ?) "
                        + "ON CONFLICT (quota_day) DO UPDATE SET calls_used = EXCLUDED.calls_used, updated_at = now()")) {
            upsert.setDate(1, Date.valueOf(today()));
            upsert.setLong(2, used);
            upsert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("quota store unavailable: " + e.getSQLState(), e);
        }
    }
}
