package com.nia.crmsync.conflict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.testkit.EndpointSecurityCheck;
import com.nia.crmsync.testkit.TestTokens;
import com.nia.crmsync.web.security.Roles;

/** conflict-service's security with real signed tokens: every operation closed to anonymous callers and wrong roles. */
@QuarkusTest
@ConflictServiceInfrastructure
class ConflictSecurityTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void closesEveryOperationOfItsOpenApiDocumentToAnonymousAndWrongRoles() {
        var result = EndpointSecurityCheck.run(base.toString(), Roles.ALL).assertAllClosed();
        assertThat(result.operations()).contains("GET /api/v1/crm/conflicts", "GET /api/v1/crm/conflicts/{id}",
                "GET /api/v1/crm/conflicts/{id}/audit", "POST /api/v1/crm/sync/resolve-conflict",
                "POST /api/v1/crm/conflicts/bulk-resolve", "POST /api/v1/crm/conflicts/{id}/dismiss",
                "POST /api/v1/crm/conflicts/{id}/retry");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/crm/sync/resolve-conflict/", "/api/v1/crm/conflicts/bulk-resolve",
            "/api/v1/crm/conflicts/%s/dismiss", "/api/v1/crm/conflicts/%s/retry"})
    void refusesAnonymousCallersWith401AndViewersWith403OnEveryResolvingEndpoint(String path) {
        String url = String.format(path, UUID.randomUUID());
        String body = "{\"conflict_id\":\"" + UUID.randomUUID() + "\",\"strategy\":\"local_wins\",\"ids\":[\"" + UUID.randomUUID() + "\"]}";
        given().contentType(ContentType.JSON).body(body).when().post(url).then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body(body).when().post(url).then().statusCode(403);
    }

    @Test
    void refusesAnAnonymousListWith401() {
        given().when().get("/api/v1/crm/conflicts/").then().statusCode(401);
    }
}
