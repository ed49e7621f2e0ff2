package com.nia.crmsync.simulator.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;

/**
 * The identity service's RS256 signing key, made fresh at every start (tokens do not outlive the
 * simulator), and its public half as a JWKS document for {@code jwks_uri}.
 */
@ApplicationScoped
public class SigningKeys {

    private final KeyPair keyPair;
    private final String keyId;
    private final String jwks;

    public SigningKeys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        this.keyPair = generator.generateKeyPair();
        // IdentityServer publishes upper-case hex key ids; the format only has to be stable per run.
        this.keyId = UUID.randomUUID().toString().replace("-", "").toUpperCase();
        RsaJsonWebKey jwk = new RsaJsonWebKey((RSAPublicKey) keyPair.getPublic());
        jwk.setKeyId(keyId);
        jwk.setUse("sig");
        jwk.setAlgorithm("RS256");
        this.jwks = new JsonWebKeySet(jwk).toJson();
    }

    public KeyPair keyPair() {
        return keyPair;
    }

    public String keyId() {
        return keyId;
    }

    public String jwks() {
        return jwks;
    }
}
