package com.nia.crmsync.cli.auth;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which bearer token a command sends: {@code --token}, else {@code CRM_SYNC_TOKEN}, else the
 * cached token of {@code crm-sync login}, renewed (and cached again) when it has expired; none
 * when there is none (the API then answers 401). Asked once per call.
 */
public final class TokenSource implements Supplier<String> {

    private final String explicit;
    private final TokenCache cache;
    private final String clientSecret;
    private final Clock clock;

    /**
     * @param explicit     {@code --token} or {@code CRM_SYNC_TOKEN} (null: none)
     * @param cache        the token cache
     * @param clientSecret {@code CRM_SYNC_CLIENT_SECRET}, to renew a client-credentials token (null: none)
     */
    public TokenSource(String explicit, TokenCache cache, String clientSecret, Clock clock) {
        this.explicit = explicit;
        this.cache = cache;
        this.clientSecret = clientSecret;
        this.clock = clock;
    }

    @Override
    public String get() {
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        Optional<CachedToken> cached = cache.read();
        if (cached.isEmpty()) {
            return null;
        }
        CachedToken token = cached.get();
        if (token.fresh(clock.instant())) {
            return token.accessToken();
        }
        CachedToken renewed = new OidcProvider(token.issuer(), clock).renew(token, clientSecret);
        cache.write(renewed);
        return renewed.accessToken();
    }
}
