package com.nia.crmsync.syncapi.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.logging.Log;
import io.quarkus.oidc.client.OidcClientException;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.ConnectionTest;
import com.nia.crmsync.model.gateway.EntityColumns;
import com.nia.crmsync.model.gateway.GatewayError;
import com.nia.crmsync.model.gateway.GatewayStatus;
import com.nia.crmsync.model.gateway.IntegrationUser;
import com.nia.crmsync.model.gateway.LookupNamesRequest;
import com.nia.crmsync.model.gateway.LookupRow;

/**
 * sync-api's one door to creatio-gateway (read-only calls: status, connection test, an entity
 * set's columns, a lookup row by name, the display names of lookup ids, the integration user). Connect and read timeouts come from the REST client's configuration
 * ({@code quarkus.rest-client.creatio-gateway.*}); every failure leaves as a
 * {@link GatewayProblemException} (503 when waiting helps, else 502), so no caller sees the
 * gateway's internals or a token.
 */
@ApplicationScoped
public class GatewayClient {

    /** Our code when no answer came (connection refused or reset, timeout). */
    public static final String UNREACHABLE = GatewayError.UNREACHABLE;
    /** Our code when sync-api could not get its own client-credentials token. */
    public static final String TOKEN_UNAVAILABLE = "GATEWAY_TOKEN_UNAVAILABLE";

    private final GatewayRestClient rest;

    public GatewayClient(@RestClient GatewayRestClient rest) {
        this.rest = rest;
    }

    /** The gateway's status (its quota). */
    public GatewayStatus status() {
        return call("status", rest::status);
    }

    /** The gateway's connection test (a Creatio token and one read), on the real-time lane. */
    public ConnectionTest testConnection() {
        return call("test-connection", () -> rest.testConnection(Lane.REALTIME.wire()));
    }

    /** An entity set's columns; empty when Creatio has no such set (the gateway's 400/404). */
    public Optional<EntityColumns> columns(String set) {
        try {
            return Optional.of(call("metadata", () -> rest.columns(set, Lane.REALTIME.wire())));
        } catch (UnknownSet e) {
            return Optional.empty();
        }
    }

    /**
     * The Id of the row of lookup {@code set} named {@code name} (the gateway resolves and caches it;
     * "Meeting" and "Appointment" are the same activity category); empty when Creatio has none.
     */
    public Optional<java.util.UUID> lookup(String set, String name) {
        try {
            return Optional.ofNullable(call("lookup", () -> rest.lookup(set, name, Lane.REALTIME.wire()))).map(LookupRow::id);
        } catch (UnknownSet e) {
            return Optional.empty();
        }
    }

    /**
     * The Creatio user the gateway's OAuth client runs as and its contact (the gateway learns it once
     * from Creatio); empty when the gateway cannot name it (its 404).
     */
    public Optional<IntegrationUser> integrationUser() {
        try {
            return Optional.of(call("integration-user", () -> rest.integrationUser(Lane.REALTIME.wire())));
        } catch (UnknownSet e) {
            return Optional.empty();
        }
    }

    /**
     * The display names of lookup ids, per lookup set (id → name, null where the gateway found none); empty when the
     * gateway cannot answer now, so a view shows the ids without names rather than failing.
     */
    public Map<String, Map<UUID, String>> lookupNames(Map<String, List<UUID>> ids) {
        try {
            Map<String, Map<UUID, String>> names = call("lookup-names",
                    () -> rest.lookupNames(new LookupNamesRequest(ids), Lane.REALTIME.wire())).names();
            return names == null ? Map.of() : names;
        } catch (GatewayProblemException | UnknownSet e) {
            return Map.of();
        }
    }

    private static <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (GatewayCallException e) {
            Log.warnf("creatio-gateway %s answered %d %s", operation, e.status(), e.code());
            if (("metadata".equals(operation) || "lookup".equals(operation)) && (e.status() == 400 || e.status() == 404)) {
                throw new UnknownSet();
            }
            if ("integration-user".equals(operation) && e.status() == 404) {
                throw new UnknownSet();
            }
            if (e.status() == 401 || e.status() == 403) {
                throw new GatewayProblemException(502, "Creatio gateway refused sync-api",
                        "creatio-gateway did not accept sync-api's service token (" + e.status() + ")", "GATEWAY_REFUSED");
            }
            boolean transientFailure = e.status() == 429 || e.status() == 503 || e.status() == 504;
            String wait = e.retryAfterSeconds() == null ? "" : "; retry after " + e.retryAfterSeconds() + " s";
            throw new GatewayProblemException(transientFailure ? 503 : 502,
                    transientFailure ? "Creatio is unavailable now" : "Creatio gateway error",
                    "creatio-gateway answered " + e.code() + wait, e.code());
        } catch (ProcessingException | OidcClientException e) {
            if (causedByToken(e)) {
                Log.warnf("No client-credentials token for creatio-gateway %s: %s", operation, e.getClass().getSimpleName());
                throw new GatewayProblemException(503, "Creatio gateway unreachable",
                        "sync-api could not get its service token for creatio-gateway", TOKEN_UNAVAILABLE);
            }
            Log.warnf("creatio-gateway %s unreachable: %s", operation, rootCause(e).getClass().getSimpleName());
            throw new GatewayProblemException(503, "Creatio gateway unreachable", "creatio-gateway did not answer", UNREACHABLE);
        }
    }

    private static boolean causedByToken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OidcClientException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The gateway does not know the entity set (or the row, or the integration user). */
    private static final class UnknownSet extends RuntimeException {
        UnknownSet() {
            super(null, null, false, false);
        }
    }
}
