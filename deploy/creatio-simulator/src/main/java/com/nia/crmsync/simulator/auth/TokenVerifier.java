package com.nia.crmsync.simulator.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.HttpsJwks;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.HttpsJwksVerificationKeyResolver;

import io.quarkus.logging.Log;

import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.service.SimClock;

/**
 * Checks the bearer token of an OData call. In a real deployment the identity service is a
 * separate host, so besides (or instead of) its own tokens the OData side can trust one external
 * issuer, whose keys it fetches from a JWKS URL. Expiry is judged by the {@link SimClock}, so tests
 * age tokens without waiting; revoked tokens are refused.
 */
@ApplicationScoped
public class TokenVerifier {

    /** Why a bearer token was refused; the OData side answers 401. */
    public static final class Unauthorized extends RuntimeException {
        public Unauthorized(String reason) {
            super(reason);
        }
    }

    /** Tokens whose signature and claims were checked, so a hot path skips the RSA verification. */
    private static final int CACHED_TOKENS = 10_000;

    private record Verified(TechnicalUser user, long expiresAt, Long notBefore, String jti) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();
    private final SimulatorConfig.Auth auth;
    private final String ownIssuer;
    private final SigningKeys keys;
    private final SimClock clock;
    private final ClientRegistry clients;
    private final TokenService tokens;
    private final HttpsJwksVerificationKeyResolver externalKeys;
    private final JwtConsumer peek = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    public TokenVerifier(SimulatorConfig config, SigningKeys keys, SimClock clock, ClientRegistry clients,
            TokenService tokens) {
        this.auth = config.auth();
        this.ownIssuer = config.identity().issuer();
        this.keys = keys;
        this.clock = clock;
        this.clients = clients;
        this.tokens = tokens;
        Optional<String> jwksUrl = auth.externalJwksUrl();
        this.externalKeys = jwksUrl.map(url -> new HttpsJwksVerificationKeyResolver(new HttpsJwks(url))).orElse(null);
        if (externalKeys != null) {
            Log.infof("OData trusts tokens of external issuer %s (keys from %s)",
                    auth.externalIssuer().orElse("<any>"), jwksUrl.get());
        }
    }

    /** The technical user a valid {@code Authorization} header stands for. */
    public TechnicalUser verify(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new Unauthorized("no bearer token");
        }
        String token = authorization.substring(7).trim();
        Verified known = verified.get(token);
        if (known != null) {
            // The signature was checked once; time and revocation are checked on every call.
            long now = clock.now().getEpochSecond();
            if (now >= known.expiresAt() || known.notBefore() != null && now < known.notBefore()) {
                throw new Unauthorized("expired token");
            }
            checkNotRevoked(known.jti());
            return known.user();
        }
        String issuer;
        try {
            issuer = peek.processToClaims(token).getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new Unauthorized("malformed token");
        }
        JwtConsumerBuilder builder = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.now().toEpochMilli()))
                .setAllowedClockSkewInSeconds(0)
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256);
        boolean own = auth.trustOwnTokens() && ownIssuer.equals(issuer);
        if (own) {
            builder.setExpectedIssuer(ownIssuer).setVerificationKey(keys.keyPair().getPublic());
        } else if (externalKeys != null && auth.externalIssuer().map(name -> name.equals(issuer)).orElse(true)) {
            builder.setExpectedIssuer(issuer).setVerificationKeyResolver(externalKeys);
        } else {
            throw new Unauthorized("untrusted issuer");
        }
        JwtClaims claims;
        try {
            claims = builder.build().processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new Unauthorized(e.hasExpired() ? "expired token" : "invalid token");
        }
        String jti = claims.getClaimValueAsString("jti");
        checkNotRevoked(jti);
        String clientId = claims.getClaimValueAsString("client_id");
        if (clientId == null) {
            try {
                clientId = claims.getSubject();
            } catch (MalformedClaimException e) {
                clientId = null;
            }
        }
        if (clientId == null) {
            throw new Unauthorized("token names no client");
        }
        TechnicalUser user = clients.user(clientId);
        try {
            if (verified.size() >= CACHED_TOKENS) {
                verified.clear();
            }
            verified.put(token, new Verified(user, claims.getExpirationTime().getValue(),
                    claims.getNotBefore() == null ? null : claims.getNotBefore().getValue(), jti));
        } catch (MalformedClaimException e) {
            throw new Unauthorized("malformed token");
        }
        return user;
    }

    private void checkNotRevoked(String jti) {
        IssuedToken issued = tokens.find(jti);
        if (issued != null && issued.revoked()) {
            throw new Unauthorized("revoked token");
        }
    }
}
