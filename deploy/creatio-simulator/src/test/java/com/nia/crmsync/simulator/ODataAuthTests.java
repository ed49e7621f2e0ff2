package com.nia.crmsync.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Point 6 (missing, invalid, expired or revoked bearer → 401), the external-issuer trust of point
 * 1, and the authorisation quirks of point 3: an unknown entity set is a 401, a technical user
 * without the OData permission gets an HTML page.
 */
@QuarkusTest
class ODataAuthTests {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void refusesARequestWithoutBearerToken() {
        given().get(Sim.ODATA + "/Lead").then().statusCode(401).body(emptyString());
    }

    @Test
    void refusesAMalformedOrForgedToken() {
        given().header("Authorization", "Bearer not-a-jwt").get(Sim.ODATA + "/Lead").then().statusCode(401);
        String forged = ExternalIssuerResource.token("creatio.com", Sim.CLIENT_ID, Instant.now(), 600);
        given().header("Authorization", "Bearer " + forged).get(Sim.ODATA + "/Lead").then().statusCode(401);
    }

    @Test
    void refusesATokenOnceTheSimulatorClockPassesItsExpiry() {
        String token = Sim.token();
        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(200);

        given().queryParam("seconds", 3601).post("/sim/clock/advance").then().statusCode(200);

        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"));
        Sim.odata().get(Sim.ODATA + "/Lead").then().statusCode(200);
    }

    @Test
    void refusesARevokedTokenWhileOtherClientsKeepWorking() {
        String revoked = Sim.token();
        String other = Sim.token("second-client", "second-demo-secret");

        Sim.control().body(Map.of("clientId", Sim.CLIENT_ID)).post("/sim/tokens/revoke")
                .then().statusCode(200).body("revoked", equalTo(1));

        Sim.odata(revoked).get(Sim.ODATA + "/Lead").then().statusCode(401);
        Sim.odata(other).get(Sim.ODATA + "/Lead").then().statusCode(200);
    }

    @Test
    void acceptsTokensOfTheTrustedExternalIssuer() {
        String token = ExternalIssuerResource.token(ExternalIssuerResource.ISSUER, "external-app", Instant.now(), 600);

        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(200);
    }

    @Test
    void refusesAnExpiredTokenOfTheExternalIssuer() {
        String token = ExternalIssuerResource.token(ExternalIssuerResource.ISSUER, "external-app",
                Instant.now().minusSeconds(7200), 600);

        Sim.odata(token).get(Sim.ODATA + "/Lead").then().statusCode(401);
    }

    @Test
    void answers401ForAnUnknownEntitySetLikeCreatioAnd404WhenTheQuirkIsOff() {
        Sim.odata().get(Sim.ODATA + "/InvalidCollection").then().statusCode(401);

        Sim.quirks(Map.of("unknownEntitySetIs401", false));

        Sim.odata().get(Sim.ODATA + "/InvalidCollection").then().statusCode(404)
                .body("error.message", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void servesAnHtmlPageToATechnicalUserWithoutODataPermission() {
        given().queryParam("enabled", false).put("/sim/clients/" + Sim.CLIENT_ID + "/odata-access")
                .then().statusCode(200);

        Sim.odata().get(Sim.ODATA + "/Lead").then().statusCode(403)
                .contentType(startsWith("text/html"))
                .body(containsString("<html"));

        Sim.quirks(Map.of("noODataPermissionStatus", 200));
        Sim.odata().get(Sim.ODATA + "/Lead").then().statusCode(200).contentType(startsWith("text/html"));
    }
}
