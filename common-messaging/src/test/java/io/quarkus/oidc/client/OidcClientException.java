package io.quarkus.oidc.client;

/**
 * A stand-in for the OIDC client's exception (common-messaging does not depend on quarkus-oidc-client):
 * {@code FailureKind} recognises it by its name.
 */
public class OidcClientException extends RuntimeException {

    public OidcClientException(String message) {
        super(message);
    }
}
