package com.nia.crmsync.simulator.auth;

import java.time.Instant;

/**
 * An access token the identity service handed out, kept so tests can revoke it and grep logs for
 * leaks. The token text is only ever returned by {@code GET /sim/tokens}, never logged.
 */
public final class IssuedToken {

    private final String jti;
    private final String clientId;
    private final Instant issuedAt;
    private final Instant expiresAt;
    private final String accessToken;
    private volatile boolean revoked;

    public IssuedToken(String jti, String clientId, Instant issuedAt, Instant expiresAt, String accessToken) {
        this.jti = jti;
        this.clientId = clientId;
        this.issuedAt = issuedAt;
        this.expiresAt = expiresAt;
        this.accessToken = accessToken;
    }

    public String jti() {
        return jti;
    }

    public String clientId() {
        return clientId;
    }

    public Instant issuedAt() {
        return issuedAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public String accessToken() {
        return accessToken;
    }

    public boolean revoked() {
        return revoked;
    }

    public void revoke() {
        revoked = true;
    }
}
