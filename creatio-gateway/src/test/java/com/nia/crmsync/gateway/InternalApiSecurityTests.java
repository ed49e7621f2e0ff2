package com.nia.crmsync.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.testkit.EndpointSecurityCheck;
import com.nia.crmsync.testkit.TestTokens;
import com.nia.crmsync.web.security.Roles;

/** The gateway's internal API answers NIA services only, never a person, whatever the person's role. */
@QuarkusTest
@GatewayInfrastructure
class InternalApiSecurityTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void answersAServiceTokenWithTheCallersIdentity() {
        given().auth().oauth2(TestTokens.service("sync-worker"))
                .when().get("/internal/v1/status")
                .then().statusCode(200)
                .body("service", equalTo("creatio-gateway"))
                .body("caller", equalTo("service-account-sync-worker"))
                .body("callerRoles", hasItem(Roles.SYNC_SERVICE));
    }

    @Test
    void refusesAPersonsOperatorTokenWith403() {
        given().auth().oauth2(TestTokens.operator()).when().get("/internal/v1/status").then().statusCode(403);
    }

    @Test
    void refusesAnAdminTokenWith403() {
        given().auth().oauth2(TestTokens.admin()).when().get("/internal/v1/status").then().statusCode(403);
    }

    @Test
    void refusesAnAnonymousCallWith401() {
        given().when().get("/internal/v1/status").then().statusCode(401);
    }

    @Test
    void keepsHealthOpen() {
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void closesEveryOperationOfItsOpenApiDocument() {
        EndpointSecurityCheck.Result result = EndpointSecurityCheck.run(base.toString(), Roles.ALL).assertAllClosed();
        assertThat(result.operations()).contains("POST /internal/v1/entities/{set}/read", "POST /internal/v1/entities/{set}/find");
    }
}
