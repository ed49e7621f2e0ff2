package com.nia.crmsync.testkit;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service under test at this JVM's {@link TestIssuer}: the service discovers the
 * issuer's keys like it discovers Keycloak's, and accepts only tokens from {@link TestTokens}.
 */
public class TokenIssuerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.oidc.auth-server-url", TestIssuer.get().issuer());
    }

    @Override
    public void stop() {
        // the issuer is shared by every test class of this JVM and stops with it
    }
}
