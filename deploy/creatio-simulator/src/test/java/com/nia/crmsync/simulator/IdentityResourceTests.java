package com.nia.crmsync.simulator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Point 1 of the simulator: the identity service — client credentials by post and by HTTP Basic,
 * Creatio-shaped RS256 tokens verifiable with the published keys, RFC 6749 errors, discovery on
 * both hosts' paths.
 */
@QuarkusTest
@QuarkusTestResource(ExternalIssuerResource.class)
class IdentityResourceTests {

    @BeforeEach
    void reset() {
        Sim.reset();
    }

    @Test
    void issuesABearerTokenForClientSecretPost() {
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "client_credentials", "client_id", Sim.CLIENT_ID,
                        "client_secret", Sim.CLIENT_SECRET))
                .post("/connect/token")
                .then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("expires_in", equalTo(3600))
                .body("scope", startsWith("ApplicationAccess_"))
                .body("access_token", startsWith("eyJ"));
    }

    @Test
    void issuesABearerTokenForClientSecretBasicAndOnTheAppHostPath() {
        String basic = Base64.getEncoder().encodeToString(
                (Sim.CLIENT_ID + ":" + Sim.CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        given().contentType(ContentType.URLENC)
                .header("Authorization", "Basic " + basic)
                .formParam("grant_type", "client_credentials")
                .post("/0/connect/token")
                .then().statusCode(200)
                .body("token_type", equalTo("Bearer"));
    }

    @Test
    void signsCreatioShapedJwtsThatTheDiscoveredKeysVerify() throws Exception {
        String token = Sim.token();
        String jwksUri = given().get("/.well-known/openid-configuration").then().statusCode(200)
                .extract().path("jwks_uri");
        String jwks = given().get(jwksUri).then().statusCode(200).extract().asString();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(new JsonWebKeySet(jwks).getJsonWebKeys()))
                .setExpectedIssuer("creatio.com")
                .setSkipDefaultAudienceValidation()
                .build();
        JwtClaims claims = consumer.processToClaims(token);
        JsonWebStructure header = JsonWebStructure.fromCompactSerialization(token);

        assertThat(header.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(header.getHeader("typ")).isEqualTo("at+jwt");
        assertThat(header.getKeyIdHeaderValue()).isNotBlank();
        assertThat(claims.getClaimValueAsString("client_id")).isEqualTo(Sim.CLIENT_ID);
        assertThat(claims.getStringListClaimValue("scope")).singleElement().asString().startsWith("ApplicationAccess_");
        assertThat(claims.getClaimValueAsString("prop:Type")).isEqualTo("ApplicationAccess");
        assertThat(claims.getClaimValueAsString("prop:SysAdminUnitId")).isNotBlank();
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(3600);
        assertThat(claims.getJwtId()).isNotBlank();
    }

    @Test
    void theTokensSysAdminUnitIdIsTheTechnicalUserWhoseContactOwnsWhatItWrites() {
        String token = Sim.token();
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        String user = String.valueOf(new io.restassured.path.json.JsonPath(payload).getMap("$").get("prop:SysAdminUnitId"));

        Map<String, Object> unit = Sim.odata().get(Sim.ODATA + "/SysAdminUnit(" + user + ")?$select=Id,Name,ContactId,SysAdminUnitTypeValue,Active")
                .then().statusCode(200).extract().path("$");
        assertThat(unit).containsEntry("Name", Sim.CLIENT_ID + " (integration)").containsEntry("SysAdminUnitTypeValue", 4)
                .containsEntry("Active", true);
        String contact = String.valueOf(unit.get("ContactId"));
        assertThat(contact).as("a user is not its contact").isNotEqualTo(user);
        Sim.odata().get(Sim.ODATA + "/Contact(" + contact + ")").then().statusCode(200).body("Name", equalTo(Sim.CLIENT_ID + " (integration)"));
        Sim.odata().get(Sim.ODATA + "/SysAdminUnit?$filter=Name eq 'Supervisor'&$select=Id,ContactId").then().statusCode(200)
                .body("value[0].Id", equalTo("7f3b869f-34f3-4f20-ab4d-7480a5fdf647"))
                .body("value[0].ContactId", equalTo("410006e1-ca4e-4502-a9ec-e54d922d2c00"));

        String written = Sim.odata(token).body(Map.of("Name", "Owned By The Integration")).post(Sim.ODATA + "/Contact")
                .then().statusCode(201).extract().path("Id");
        Sim.odata().get(Sim.ODATA + "/Contact(" + written + ")").then().statusCode(200).body("OwnerId", equalTo(contact));
    }

    @Test
    void answersInvalidClientWithStatus400ForAWrongSecret() {
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "client_credentials", "client_id", Sim.CLIENT_ID,
                        "client_secret", "wrong"))
                .post("/connect/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void answersInvalidClientWithStatus401AndAChallengeForWrongBasicCredentials() {
        given().contentType(ContentType.URLENC)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("nobody:nothing".getBytes()))
                .formParam("grant_type", "client_credentials")
                .post("/connect/token")
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Basic"))
                .body("error", equalTo("invalid_client"));
    }

    @Test
    void answersUnsupportedGrantTypeForAnotherGrant() {
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "password", "client_id", Sim.CLIENT_ID,
                        "client_secret", Sim.CLIENT_SECRET))
                .post("/connect/token")
                .then().statusCode(400)
                .body("error", equalTo("unsupported_grant_type"));
    }

    @Test
    void answersInvalidRequestForAMissingGrantTypeOrAJsonBody() {
        given().contentType(ContentType.URLENC)
                .formParams(Map.of("client_id", Sim.CLIENT_ID, "client_secret", Sim.CLIENT_SECRET))
                .post("/connect/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
        given().contentType(ContentType.JSON)
                .body(Map.of("grant_type", "client_credentials"))
                .post("/connect/token")
                .then().statusCode(400)
                .body("error", equalTo("invalid_request"));
    }

    @Test
    void publishesDiscoveryOnTheIdentityHostAndOnTheAppHostPath() {
        for (String path : List.of("/.well-known/openid-configuration", "/0/.well-known/openid-configuration")) {
            given().get(path).then().statusCode(200)
                    .body("issuer", equalTo("creatio.com"))
                    .body("token_endpoint", org.hamcrest.Matchers.endsWith("/connect/token"))
                    .body("grant_types_supported", hasItems("client_credentials"))
                    .body("token_endpoint_auth_methods_supported",
                            hasItems("client_secret_basic", "client_secret_post"));
        }
    }

    @Test
    void issuesTokensWithTheLifetimeSetAtRuntime() {
        given().queryParam("seconds", 120).put("/sim/tokens/lifetime").then().statusCode(200);

        given().contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "client_credentials", "client_id", Sim.CLIENT_ID,
                        "client_secret", Sim.CLIENT_SECRET))
                .post("/connect/token")
                .then().statusCode(200)
                .body("expires_in", equalTo(120));
    }

    @Test
    void listsIssuedTokensSoTestsCanLookForLeaks() {
        String token = Sim.token();

        List<String> issued = given().get("/sim/tokens").then().statusCode(200).extract().path("accessToken");

        assertThat(issued).contains(token);
    }
}
