package com.nia.crmsync.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.gateway.auth.IdentityEndpoints;

/** The token endpoint's derivation: explicit URL, discovery document, then the {@code -is} host convention. */
class IdentityEndpointsTests {

    @Test
    void readsDiscoveryAtTheApplicationHostsZeroPath() {
        assertThat(IdentityEndpoints.discoveryUrl("https://acme.creatio.com/")).isEqualTo("https://acme.creatio.com/0/.well-known/openid-configuration");
    }

    @Test
    void appendsConnectTokenToAnExplicitIdentityUrlOnlyOnce() {
        assertThat(IdentityEndpoints.fromIdentityUrl("https://acme-is.creatio.com/")).isEqualTo("https://acme-is.creatio.com/connect/token");
        assertThat(IdentityEndpoints.fromIdentityUrl("https://id.example.com/connect/token")).isEqualTo("https://id.example.com/connect/token");
        assertThat(IdentityEndpoints.fromIdentityUrl("http://127.0.0.1:8180/realms/nia/protocol/openid-connect/token"))
                .isEqualTo("http://127.0.0.1:8180/realms/nia/protocol/openid-connect/token");
    }

    @Test
    void takesTheTokenEndpointOfADiscoveryDocument() {
        assertThat(IdentityEndpoints.fromDiscovery("{\"issuer\":\"creatio.com\",\"token_endpoint\":\"https://acme-is.creatio.com/connect/token\"}"))
                .contains("https://acme-is.creatio.com/connect/token");
        assertThat(IdentityEndpoints.fromDiscovery("<html>sign in</html>")).isEmpty();
        assertThat(IdentityEndpoints.fromDiscovery("{\"issuer\":\"x\"}")).isEmpty();
    }

    @Test
    void insertsIsIntoTheFirstHostLabelForCloudHosts() {
        assertThat(IdentityEndpoints.byHostConvention("https://acme.creatio.com")).contains("https://acme-is.creatio.com/connect/token");
        assertThat(IdentityEndpoints.byHostConvention("https://crm.acme.example:8443/")).contains("https://crm-is.acme.example:8443/connect/token");
    }

    @Test
    void fallsBackToTheApplicationHostsProxyForLocalhostAndIpAddresses() {
        assertThat(IdentityEndpoints.byHostConvention("http://localhost:8090")).isEmpty();
        assertThat(IdentityEndpoints.withoutDiscovery("http://127.0.0.1:8090")).isEqualTo("http://127.0.0.1:8090/0/connect/token");
        assertThat(IdentityEndpoints.withoutDiscovery("https://acme.creatio.com")).isEqualTo("https://acme-is.creatio.com/connect/token");
    }
}
