package com.nia.crmsync.cli.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * A token {@code crm-sync login} got, as the cache keeps it: where it came from (issuer, client,
 * grant) so it can be renewed, the access token and its expiry, and the refresh token when the
 * provider gave one.
 */
public record CachedToken(String issuer, String clientId, String grant, String accessToken, Instant expiresAt, String refreshToken,
        Instant refreshExpiresAt) {

    /** How long before its expiry a token is renewed, so no call leaves with a token about to lapse. */
    public static final Duration SKEW = Duration.ofSeconds(30);

    /** Whether the access token is still good at {@code now} (with {@link #SKEW}). */
    public boolean fresh(Instant now) {
        return expiresAt != null && now.plus(SKEW).isBefore(expiresAt);
    }

    /** Whether a refresh token can still be used at {@code now}. */
    public boolean refreshable(Instant now) {
        return refreshToken != null && (refreshExpiresAt == null || now.plus(SKEW).isBefore(refreshExpiresAt));
    }
}
