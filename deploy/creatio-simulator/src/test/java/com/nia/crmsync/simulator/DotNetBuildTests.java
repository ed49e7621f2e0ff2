package com.nia.crmsync.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The second deployment shape, in the only extra test profile: a .NET build of Creatio serving
 * OData at {@code /odata}, whose OData side trusts only a separate identity service (the external
 * issuer), not the simulator's own token endpoint, started with demo data as the local stack
 * starts it. These tests never reset, so the start-up data stays observable.
 */
@QuarkusTest
@TestProfile(DotNetBuildTests.DotNetBuildWithSeparateIdentityService.class)
class DotNetBuildTests {

    /** OData root {@code /odata}; only the external issuer's tokens are trusted. */
    public static class DotNetBuildWithSeparateIdentityService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.odata.root", "/odata", "simulator.auth.trust-own-tokens", "false",
                    "simulator.seed.on-start", "true", "simulator.seed.leads", "25", "simulator.seed.contacts", "5",
                    "simulator.seed.accounts", "2", "simulator.seed.activities", "5");
        }
    }

    private String externalToken;

    @BeforeEach
    void externalToken() {
        externalToken = ExternalIssuerResource.token(ExternalIssuerResource.ISSUER, Sim.CLIENT_ID, Instant.now(), 600);
    }

    @Test
    void servesODataAtTheDotNetRootOnly() {
        Sim.odata(externalToken).get("/odata/Lead").then().statusCode(200)
                .body("'@odata.context'", startsWith("http://"))
                .body("'@odata.context'", org.hamcrest.Matchers.endsWith("/odata/$metadata#Lead"))
                .body("'@odata.context'", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("/0/")));
        Sim.odata(externalToken).get("/odata/$metadata").then().statusCode(200);
        Sim.odata(externalToken).get("/0/odata/Lead").then().statusCode(404);
    }

    @Test
    void resolvesBatchSubRequestsAgainstTheDotNetRoot() {
        Sim.odata(externalToken).body(Map.of("requests", List.of(
                Map.of("id", "1", "method", "POST", "url", "/odata/Lead", "body", Map.of("LeadName", "A")),
                Map.of("id", "2", "method", "GET", "url", "Lead/$count"))))
                .post("/odata/$batch").then().statusCode(200)
                .body("responses.status", org.hamcrest.Matchers.contains(201, 200))
                .body("responses[0].headers.location", org.hamcrest.Matchers.containsString("/odata/Lead("));
    }

    @Test
    void refusesTokensOfItsOwnTokenEndpointWhenOnlyTheExternalIssuerIsTrusted() {
        given().header("Authorization", "Bearer " + Sim.token()).get("/odata/Lead").then().statusCode(401);
        Sim.odata(externalToken).get("/odata/Lead/$count").then().statusCode(200);
    }

    @Test
    void reportsReadyOnlyWithTheStartUpDemoDataLoaded() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        String leads = Sim.odata(externalToken).get("/odata/Lead/$count").then().statusCode(200).extract().asString();
        assertThat(Integer.parseInt(leads)).isGreaterThanOrEqualTo(25);
        Sim.odata(externalToken).get("/odata/Activity/$count").then().body(equalTo("5"));
    }
}
