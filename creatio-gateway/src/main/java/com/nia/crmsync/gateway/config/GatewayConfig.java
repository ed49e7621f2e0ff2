package com.nia.crmsync.gateway.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Everything the gateway needs to reach Creatio and to spend its calls wisely: where Creatio and
 * its identity service are, the OAuth client, connection limits, the call budget and the cache
 * lifetimes. Environment variables follow the keys ({@code CREATIO_API_URL},
 * {@code CREATIO_CLIENT_ID}, {@code CREATIO_CLIENT_SECRET}, {@code CREATIO_IDENTITY_URL},
 * {@code CREATIO_BUDGET_RATE_PER_SECOND}, ...). Retry, timeout and breaker settings are the
 * fault-tolerance keys of {@code application.properties}.
 */
@ConfigMapping(prefix = "creatio")
public interface GatewayConfig {

    /** Creatio's application URL, e.g. {@code https://acme.creatio.com}; no default outside the local profile. */
    String apiUrl();

    /** The identity service's base URL; absent: discovery at {@code {api}/0/.well-known/openid-configuration}, then the {@code -is} host. */
    Optional<String> identityUrl();

    /** The OAuth client id of the integration; absent: every Creatio call answers "not configured". */
    Optional<String> clientId();

    /** The OAuth client secret; never logged or returned. */
    Optional<String> clientSecret();

    /** How the client authenticates at the token endpoint: {@code post} (client_secret_post, the default) or {@code basic}. */
    @WithDefault("post")
    ClientAuth clientAuth();

    /** The OData 4 root below the application URL: {@code /0/odata} (default, .NET Framework builds) or {@code /odata}. */
    @WithDefault("/0/odata")
    String odataRoot();

    /** The OAuth session. */
    Token token();

    /** The HTTP connections to Creatio. */
    Http http();

    /** Rate, concurrency and the daily quota. */
    Budget budget();

    /** Lookup and {@code $metadata} caches. */
    Cache cache();

    /** How the technical user behind the OAuth client is found when its token does not name it. */
    IntegrationUserSettings integrationUser();

    /** Client authentication methods at the token endpoint. */
    enum ClientAuth {
        /** {@code client_secret_post}: id and secret in the form body. */
        POST,
        /** {@code client_secret_basic}: id and secret in an HTTP Basic header. */
        BASIC
    }

    /** The OAuth 2.0 client-credentials session. */
    interface Token {
        /** Renew this long before the token expires; default 60 s. */
        @WithDefault("60s")
        Duration renewBefore();

        /** Longest wait for the identity service; default 10 s. */
        @WithDefault("10s")
        Duration requestTimeout();

        /** First pause after a failed token request (doubles up to the maximum); default 2 s. */
        @WithDefault("2s")
        Duration failureBackoff();

        /** Longest pause between token requests while they fail; default 5 min. */
        @WithDefault("5m")
        Duration failureBackoffMax();
    }

    /** The pooled keep-alive connections to Creatio. */
    interface Http {
        /** Connections kept to Creatio; default 16. */
        @WithDefault("16")
        int maxConnections();

        /** Connect timeout; default 5 s. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** Longest wait for one Creatio answer; default 30 s. */
        @WithDefault("30s")
        Duration requestTimeout();

        /** Longest request URL sent (IIS allows ~16 KB, proxies less); default 2,000 characters. */
        @WithDefault("2000")
        int maxUrlLength();
    }

    /** The call budget. */
    interface Budget {
        /** Calls started per second (token bucket refill); default 10. */
        @WithDefault("10")
        double ratePerSecond();

        /** Calls that may start at once after a quiet period (bucket size); default 10. */
        @WithDefault("10")
        int burst();

        /** Calls in flight at once; default 4. */
        @WithDefault("4")
        int maxConcurrency();

        /** Creatio calls per UTC day (Growth plan: 10,000 per user); default 10,000. */
        @WithDefault("10000")
        long dailyQuota();

        /** Share of the daily quota after which bulk calls stop; default 0.8. */
        @WithDefault("0.8")
        double bulkStopShare();

        /** Share of the daily quota after which real-time calls stop too; default 0.95. */
        @WithDefault("0.95")
        double realtimeStopShare();

        /** Longest a real-time call waits for its turn before "budget exhausted"; default 10 s. */
        @WithDefault("10s")
        Duration realtimeMaxWait();

        /** Longest a bulk call waits for its turn before "budget exhausted"; default 60 s. */
        @WithDefault("60s")
        Duration bulkMaxWait();

        /** Pause of every call after a 429/503/timeout without {@code Retry-After}; default 2 s. */
        @WithDefault("2s")
        Duration backoffPause();
    }

    /** Cache lifetimes, read by the caches' {@code expire-after-write} (quarkus-cache, application.properties). */
    interface Cache {
        /** How long a resolved lookup (name to Id) is kept; default 1 h. */
        @WithDefault("1h")
        Duration lookupTtl();

        /** How long {@code $metadata} (entity sets and columns) is kept; default 1 h. */
        @WithDefault("1h")
        Duration metadataTtl();

        /** How long the integration user and its contact are kept; default 24 h. */
        @WithDefault("24h")
        Duration integrationUserTtl();
    }

    /** The technical user (a {@code SysAdminUnit}) the OAuth client runs as. */
    interface IntegrationUserSettings {
        /** Its name, used when the access token carries no {@code prop:SysAdminUnitId} (an opaque token); no default. */
        Optional<String> name();
    }
}
