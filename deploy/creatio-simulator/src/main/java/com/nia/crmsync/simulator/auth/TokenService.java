package com.nia.crmsync.simulator.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.smallrye.jwt.build.Jwt;

import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.service.SimClock;

/**
 * The simulated identity service's token endpoint logic (creatio-api.md §1.1): client-credentials
 * grant, client authentication by {@code client_secret_post} or {@code client_secret_basic}, RS256
 * JWT access tokens shaped like Creatio's ({@code typ: at+jwt}, {@code scope}
 * {@code ApplicationAccess_<hex>}, {@code client_id}, {@code prop:*} claims), RFC 6749 §5.2 errors.
 */
@ApplicationScoped
public class TokenService {

    /** How many issued tokens are remembered for {@code /sim/tokens} and revocation. */
    private static final int REMEMBERED_TOKENS = 10_000;

    /** A successful token response. */
    public record TokenResponse(String accessToken, long expiresIn, String tokenType, String scope) {
    }

    /** An RFC 6749 §5.2 error; {@code status} is 400, or 401 when the client used HTTP Basic. */
    public static final class TokenError extends RuntimeException {
        private final int status;
        private final String error;

        public TokenError(int status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }

        public int status() {
            return status;
        }

        public String error() {
            return error;
        }
    }

    private final SimulatorConfig.Identity config;
    private final ClientRegistry clients;
    private final SigningKeys keys;
    private final SimClock clock;
    private final Map<String, IssuedToken> byJti = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<IssuedToken> issued = new ConcurrentLinkedDeque<>();
    private volatile int lifetimeSeconds;

    public TokenService(SimulatorConfig config, ClientRegistry clients, SigningKeys keys, SimClock clock) {
        this.config = config.identity();
        this.clients = clients;
        this.keys = keys;
        this.clock = clock;
        this.lifetimeSeconds = this.config.tokenLifetimeSeconds();
    }

    /**
     * Handles {@code POST /connect/token}.
     *
     * @param form the form parameters (first value of each)
     * @param authorization the {@code Authorization} header, may be {@code null}
     */
    public TokenResponse token(Map<String, String> form, String authorization) {
        String grantType = form.get("grant_type");
        String postedId = form.get("client_id");
        String postedSecret = form.get("client_secret");
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String clientId = postedId;
        String secret = postedSecret;
        if (basic) {
            if (postedSecret != null) {
                throw new TokenError(400, "invalid_request", "Use only one client authentication method.");
            }
            String[] pair = decodeBasic(authorization.substring(6).trim());
            clientId = pair[0];
            secret = pair[1];
        }
        if (grantType == null || grantType.isBlank()) {
            throw new TokenError(400, "invalid_request", "The grant_type parameter is missing.");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new TokenError(400, "invalid_request", "The client_id parameter is missing.");
        }
        TechnicalUser user = clients.authenticate(clientId, secret);
        if (user == null) {
            Log.infof("Token request rejected for client %s: invalid client credentials", clientId);
            throw new TokenError(basic ? 401 : 400, "invalid_client", "Client authentication failed.");
        }
        if (!grantType.equals("client_credentials")) {
            throw new TokenError(400, "unsupported_grant_type",
                    "The authorization grant type " + grantType + " is not supported.");
        }
        String scope = scopeOf(clientId);
        String requested = form.get("scope");
        if (requested != null && !requested.isBlank() && !requested.trim().equals(scope)) {
            throw new TokenError(400, "invalid_scope", "The requested scope is not allowed for this client.");
        }
        Instant now = clock.now();
        long lifetime = lifetimeSeconds;
        Instant expires = now.plusSeconds(lifetime);
        String jti = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        String token = Jwt.issuer(config.issuer())
                .audience(scope)
                .claim("scope", List.of(scope))
                .claim("client_id", clientId)
                .claim("nbf", now.getEpochSecond())
                .issuedAt(now.getEpochSecond())
                .expiresAt(expires.getEpochSecond())
                .claim("jti", jti)
                .claim("prop:SysAdminUnitId", user.sysAdminUnitId().toString())
                .claim("prop:Type", "ApplicationAccess")
                .claim("prop:OwnerClientId", clientId)
                .claim("prop:ResourceId", scope)
                .jws()
                .keyId(keys.keyId())
                .header("typ", "at+jwt")
                .sign(keys.keyPair().getPrivate());
        remember(new IssuedToken(jti, clientId, now, expires, token));
        Log.infof("Issued an access token to client %s (jti %s, expires in %d s)", clientId, jti, lifetime);
        return new TokenResponse(token, lifetime, "Bearer", scope);
    }

    public IssuedToken find(String jti) {
        return jti == null ? null : byJti.get(jti);
    }

    public List<IssuedToken> issued() {
        return new ArrayList<>(issued);
    }

    /** Revokes tokens: one by {@code jti}, all of one client, or all when both are {@code null}. */
    public int revoke(String jti, String clientId) {
        int count = 0;
        for (IssuedToken token : issued) {
            if ((jti == null || token.jti().equals(jti)) && (clientId == null || token.clientId().equals(clientId))
                    && !token.revoked()) {
                token.revoke();
                count++;
            }
        }
        Log.infof("Revoked %d access token(s)", count);
        return count;
    }

    /** Changes the lifetime of tokens issued from now on. */
    public void setLifetimeSeconds(int seconds) {
        lifetimeSeconds = seconds;
    }

    public void reset() {
        issued.clear();
        byJti.clear();
        lifetimeSeconds = config.tokenLifetimeSeconds();
    }

    /** The {@code ApplicationAccess_<32 hex>} scope Creatio gives an integration, stable per client. */
    public static String scopeOf(String clientId) {
        return "ApplicationAccess_" + UUID.nameUUIDFromBytes(clientId.getBytes(StandardCharsets.UTF_8))
                .toString().replace("-", "");
    }

    private void remember(IssuedToken token) {
        byJti.put(token.jti(), token);
        issued.addLast(token);
        if (issued.size() > REMEMBERED_TOKENS) {
            Iterator<IssuedToken> oldest = issued.iterator();
            if (oldest.hasNext()) {
                IssuedToken dropped = oldest.next();
                oldest.remove();
                byJti.remove(dropped.jti());
            }
        }
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new TokenError(400, "invalid_request", "Malformed HTTP Basic client credentials.");
            }
            return new String[] {urlDecode(decoded.substring(0, colon)), urlDecode(decoded.substring(colon + 1))};
        } catch (IllegalArgumentException e) {
            throw new TokenError(400, "invalid_request", "Malformed HTTP Basic client credentials.");
        }
    }

    /** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
    private static String urlDecode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
