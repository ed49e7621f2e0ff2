package com.nia.crmsync.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

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
 * issuer), not the simulator's own token endpoint.
 */
@QuarkusTest
@TestProfile(DotNetBuildTests.DotNetBuildWithSeparateIdentityService.class)
class DotNetBuildTests {

    /** OData root {@code /odata}; only the external issuer's tokens are trusted. */
    public static class DotNetBuildWithSeparateIdentityService implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("simulator.odata.root", "/odata", "simulator.auth.trust-own-tokens", "false");
        }
    }

    private String externalToken;

    @BeforeEach
    void reset() {
        Sim.reset();
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
        Sim.odata(externalToken).get("/odata/Lead/$count").then().statusCode(200).body(equalTo("0"));
    }
}
