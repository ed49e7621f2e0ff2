package com.nia.crmsync.router;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(EchoUpstreams.class)
class FrontRouterTests {

    @Test
    void sendsConflictPathsToTheConflictService() {
        given().when().get("/api/v1/crm/conflicts/?status=pending")
                .then().statusCode(201)
                .body("service", equalTo("conflict-service"))
                .body("uri", equalTo("/api/v1/crm/conflicts/?status=pending"));
    }

    @Test
    void sendsTheSeedsResolvePathToTheConflictServiceWithBodyAndToken() {
        given().header("Authorization", "Bearer abc").contentType("application/json").body("{\"conflict_id\":1}")
                .when().post("/api/v1/crm/sync/resolve-conflict/")
                .then().statusCode(201)
                .body("service", equalTo("conflict-service"))
                .body("method", equalTo("POST"))
                .body("authorization", equalTo("Bearer abc"))
                .body("body", equalTo("{'conflict_id':1}"));
    }

    @Test
    void sendsEveryConflictOperationToTheConflictService() {
        given().header("Authorization", "Bearer abc").contentType("application/json").body("{\"ids\":[]}")
                .when().post("/api/v1/crm/conflicts/bulk-resolve")
                .then().statusCode(201)
                .body("service", equalTo("conflict-service"))
                .body("uri", equalTo("/api/v1/crm/conflicts/bulk-resolve"));
        given().when().post("/api/v1/crm/conflicts/c0ffee00-1234-4abc-9def-0123456789ab/retry")
                .then().statusCode(201)
                .body("service", equalTo("conflict-service"))
                .body("uri", equalTo("/api/v1/crm/conflicts/c0ffee00-1234-4abc-9def-0123456789ab/retry"));
        given().when().get("/api/v1/crm/conflicts/c0ffee00-1234-4abc-9def-0123456789ab/audit")
                .then().statusCode(201)
                .body("service", equalTo("conflict-service"));
    }

    @Test
    void sendsTheRestOfTheApiToSyncApi() {
        given().when().post("/api/v1/crm/sync/sync_all/")
                .then().statusCode(201)
                .body("service", equalTo("sync-api"))
                .body("uri", equalTo("/api/v1/crm/sync/sync_all/"));
    }

    @Test
    void sendsTheConsoleAndItsBrowserLibrariesToSyncApi() {
        given().redirects().follow(false).when().get("/console/")
                .then().statusCode(201)
                .body("service", equalTo("sync-api"))
                .body("uri", equalTo("/console/"));
        given().redirects().follow(false).when().get("/console")
                .then().statusCode(201)
                .body("service", equalTo("sync-api"));
        given().when().get("/webjars/alpinejs/dist/cdn.min.js")
                .then().statusCode(201)
                .body("service", equalTo("sync-api"))
                .body("uri", equalTo("/webjars/alpinejs/dist/cdn.min.js"));
        given().when().get("/consoleX")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void answersUnroutedApiPathsWithAProblem() {
        given().when().get("/api/v2/leads")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
    }
}
