package com.nia.crmsync.infra;

/**
 * The database account of one service: its own role, owning one schema of the same name, in the
 * shared {@code nia} database. No role has rights on another's schema, so "no service reads
 * another's tables" is enforced by PostgreSQL, not by good manners.
 */
public record ServiceDatabase(String role, String password, String jdbcUrl) {

    /** The schema the role owns (same name as the role). */
    public String schema() {
        return role;
    }

    @Override
    public String toString() {
        // never print the password
        return "ServiceDatabase[role=" + role + ", jdbcUrl=" + jdbcUrl + "]";
    }
}
