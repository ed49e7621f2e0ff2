package com.nia.crmsync.gateway.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.logging.Log;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClientConfigBuilder;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.Tokens;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.oidc.common.runtime.config.OidcClientCommonConfig.Credentials.Secret.Method;

import com.nia.crmsync.gateway.config.GatewayConfig;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.CreatioTransientException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.gateway.failure.Sanitizer;
import com.nia.crmsync.gateway.metrics.GatewayMetrics;
import com.nia.crmsync.model.gateway.GatewayStatus;

/**
 * The OAuth 2.0 client-credentials session with Creatio's identity service, through
 * {@code quarkus-oidc-client} (a programmatic client, because the token endpoint is only known
 * once discovery has run). One token is cached and shared; it is renewed {@code renew-before}
 * ahead of its expiry and, after an OData 401, renewed once for the token that was refused (a
 * caller holding an older token simply gets the newer one). Nothing happens at start-up. While
 * the identity service fails, callers get the last failure at once and at most one token request
 * is made per back-off step, the step doubling up to its maximum.
 */
@ApplicationScoped
public class CreatioTokens {

    /** The session's settings (a record so tests can open a second session with other credentials). */
    public record Settings(String apiUrl, Optional<String> identityUrl, Optional<String> clientId, Optional<String> clientSecret,
            GatewayConfig.ClientAuth clientAuth, Duration renewBefore, Duration requestTimeout, Duration failureBackoff,
            Duration failureBackoffMax) {

        /** The settings of the configured client. */
        public static Settings of(GatewayConfig config) {
            GatewayConfig.Token token = config.token();
            return new Settings(config.apiUrl(), config.identityUrl(), config.clientId(), config.clientSecret(), config.clientAuth(),
                    token.renewBefore(), token.requestTimeout(), token.failureBackoff(), token.failureBackoffMax());
        }

        /** The same settings with another secret. */
        public Settings withSecret(String otherSecret) {
            return new Settings(apiUrl, identityUrl, clientId, Optional.of(otherSecret), clientAuth, renewBefore, requestTimeout,
                    failureBackoff, failureBackoffMax);
        }

        @Override
        public String toString() {
            // a record prints its components: never let the secret be one of them
            return "Settings[apiUrl=" + apiUrl + ", clientId=" + clientId.orElse("-") + ", clientAuth=" + clientAuth + "]";
        }
    }

    private final Settings settings;
    private final OidcClients oidcClients;
    private final TokenEndpointResolver resolver;
    private final GatewayMetrics metrics;
    private final Clock clock;

    private OidcClient client;
    private String accessToken;
    private Instant expiresAt = Instant.EPOCH;
    private Instant nextAttemptAt = Instant.EPOCH;
    private Duration backoff;
    private CreatioException lastFailure;
    private volatile GatewayStatus.AuthResult lastResult;

    @Inject
    public CreatioTokens(GatewayConfig config, OidcClients oidcClients, TokenEndpointResolver resolver, GatewayMetrics metrics) {
        this(Settings.of(config), oidcClients, resolver, metrics, Clock.systemUTC());
    }

    public CreatioTokens(Settings settings, OidcClients oidcClients, TokenEndpointResolver resolver, GatewayMetrics metrics, Clock clock) {
        this.settings = settings;
        this.oidcClients = oidcClients;
        this.resolver = resolver;
        this.metrics = metrics;
        this.clock = clock;
        this.backoff = settings.failureBackoff();
        settings.clientSecret().ifPresent(Sanitizer::mask);
    }

    /** A token valid for at least {@code renew-before}, fetched if needed; throws the auth failure otherwise. */
    public synchronized String current() {
        Instant now = clock.instant();
        if (accessToken != null && now.isBefore(expiresAt.minus(settings.renewBefore()))) {
            return accessToken;
        }
        return fetch(now, accessToken == null ? "initial" : "expiry");
    }

    /** After Creatio refused {@code rejected} with 401: a fresh token, or the one another caller already fetched. */
    public synchronized String renewAfterRejection(String rejected) {
        if (accessToken != null && !accessToken.equals(rejected)) {
            return accessToken;
        }
        accessToken = null;
        // a rejection is news: the back-off of earlier failures must not delay this one renewal
        nextAttemptAt = Instant.EPOCH;
        return fetch(clock.instant(), "rejected");
    }

    /** The last token request's outcome, empty before the first one. */
    public Optional<GatewayStatus.AuthResult> lastResult() {
        return Optional.ofNullable(lastResult);
    }

    /** Forgets the cached token and any back-off (tests; an operator's "reconnect"). */
    public synchronized void reset() {
        accessToken = null;
        expiresAt = Instant.EPOCH;
        nextAttemptAt = Instant.EPOCH;
        backoff = settings.failureBackoff();
        lastFailure = null;
    }

    private String fetch(Instant now, String reason) {
        if (settings.clientId().isEmpty() || settings.clientSecret().isEmpty()) {
            throw new CreatioException(ErrorCode.CREATIO_NOT_CONFIGURED, 0, "CREATIO_CLIENT_ID and CREATIO_CLIENT_SECRET are not set");
        }
        if (lastFailure != null && now.isBefore(nextAttemptAt)) {
            throw withRetryAfter(lastFailure, Duration.between(now, nextAttemptAt));
        }
        try {
            Tokens tokens = client().getTokens().await().atMost(settings.requestTimeout().plusSeconds(1));
            accessToken = tokens.getAccessToken();
            Long expiry = tokens.getAccessTokenExpiresAt();
            // no expires_in: assume Creatio's default hour rather than renewing on every call
            expiresAt = expiry != null ? Instant.ofEpochSecond(expiry) : now.plus(Duration.ofHours(1));
            lastFailure = null;
            backoff = settings.failureBackoff();
            lastResult = new GatewayStatus.AuthResult(true, now, "OK", "token issued", expiresAt);
            metrics.tokenRequest(reason, "ok");
            Log.debugf("Creatio token obtained (%s), valid until %s", reason, expiresAt);
            return accessToken;
        } catch (CreatioException e) {
            throw failed(now, reason, e);
        } catch (RuntimeException e) {
            throw failed(now, reason, classify(e));
        }
    }

    private CreatioException failed(Instant now, String reason, CreatioException failure) {
        lastFailure = failure;
        nextAttemptAt = now.plus(backoff);
        Duration wait = backoff;
        backoff = min(backoff.multipliedBy(2), settings.failureBackoffMax());
        lastResult = new GatewayStatus.AuthResult(false, now, failure.code().name(), failure.getMessage(), null);
        metrics.tokenRequest(reason, failure.code().name());
        Log.warnf("Creatio token request failed (%s): %s; next attempt in %s", failure.code(), failure.getMessage(), wait);
        return withRetryAfter(failure, wait);
    }

    private static CreatioException withRetryAfter(CreatioException failure, Duration wait) {
        if (failure.isTransient()) {
            return new CreatioTransientException(failure.code(), failure.creatioStatus(), failure.getMessage(), wait);
        }
        return new CreatioException(failure.code(), failure.creatioStatus(), failure.getMessage(), wait);
    }

    /** The identity service's answer: a refused client (RFC 6749 {@code invalid_client}, 400/401) or an outage. */
    private static CreatioException classify(RuntimeException e) {
        String message = Sanitizer.clean(String.valueOf(e.getMessage()));
        if (message.contains("invalid_client") || message.contains("unauthorized_client") || message.contains("invalid_grant")) {
            return new CreatioException(ErrorCode.CREATIO_CREDENTIALS_REJECTED, 400,
                    "the identity service refused the client id or secret (" + firstError(message) + ")");
        }
        return new CreatioTransientException(ErrorCode.IDENTITY_UNAVAILABLE, 0, "identity service unavailable: " + message, null);
    }

    private static String firstError(String message) {
        for (String error : new String[] { "invalid_client", "unauthorized_client", "invalid_grant" }) {
            if (message.contains(error)) {
                return error;
            }
        }
        return "refused";
    }

    private OidcClient client() {
        if (client == null) {
            String tokenEndpoint = resolver.resolve(settings.apiUrl(), settings.identityUrl(), settings.requestTimeout());
            java.net.URI uri = java.net.URI.create(tokenEndpoint);
            String origin = uri.getScheme() + "://" + uri.getAuthority();
            OidcClientConfig config = new OidcClientConfigBuilder()
                    .id("creatio")
                    .authServerUrl(origin)
                    .discoveryEnabled(false)
                    .tokenPath(tokenEndpoint)
                    .clientId(settings.clientId().orElseThrow())
                    .credentials().clientSecret(settings.clientSecret().orElseThrow(),
                            settings.clientAuth() == GatewayConfig.ClientAuth.BASIC ? Method.BASIC : Method.POST)
                    .end()
                    .connectionTimeout(settings.requestTimeout())
                    .earlyTokensAcquisition(false)
                    .build();
            client = oidcClients.newClient(config).await().atMost(settings.requestTimeout().plusSeconds(1));
        }
        return client;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
