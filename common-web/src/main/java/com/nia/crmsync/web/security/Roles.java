package com.nia.crmsync.web.security;

import java.util.Set;

/**
 * The roles every endpoint is guarded by (the table in {@code docs/security.md}). People carry
 * {@link #VIEWER}, {@link #OPERATOR} or {@link #ADMIN} as realm roles of their token; services
 * carry {@link #SYNC_SERVICE} in their client-credentials token, which no person's token has.
 */
public final class Roles {

    /** Reads records, sync state, logs, plans and conflicts; sensitive fields are hidden. */
    public static final String VIEWER = "viewer";
    /** Triggers syncs, retries, resolves conflicts. */
    public static final String OPERATOR = "operator";
    /** Changes configuration, approves deletes. */
    public static final String ADMIN = "admin";
    /** A NIA service calling another one (worker → gateway, sync-api → gateway); never a person. */
    public static final String SYNC_SERVICE = "sync-service";

    /** Every role a person can have. */
    public static final Set<String> PEOPLE = Set.of(VIEWER, OPERATOR, ADMIN);
    /** Every role the system knows; the endpoint check tries each one that an operation does not allow. */
    public static final Set<String> ALL = Set.of(VIEWER, OPERATOR, ADMIN, SYNC_SERVICE);

    private Roles() {
    }
}
