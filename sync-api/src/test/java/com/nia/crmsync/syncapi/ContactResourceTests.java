package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.testkit.TestTokens;

/** NIA's contact store over HTTP, PostgreSQL and real tokens. */
@QuarkusTest
@SyncApiInfrastructure
class ContactResourceTests {

    @Test
    void createsReplacesAndSoftDeletesAContactIdempotently() {
        String email = "grace-" + UUID.randomUUID() + "@example.com";
        String body = "{\"full_name\":\"Grace Hopper\",\"email\":\"" + email + "\",\"job_title\":\"Rear Admiral\"}";
        String key = UUID.randomUUID().toString();
        String id = given().auth().oauth2(TestTokens.operator()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/contacts").then().statusCode(201).body("full_name", equalTo("Grace Hopper")).extract().path("id");
        given().auth().oauth2(TestTokens.operator()).header("Idempotency-Key", key).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/contacts").then().statusCode(200).body("id", equalTo(id));

        given().auth().oauth2(TestTokens.operator()).header("If-Match", "\"0\"").contentType(ContentType.JSON)
                .body(body.replace("Rear Admiral", "Professor"))
                .when().put("/api/v1/contacts/" + id).then().statusCode(200).body("job_title", equalTo("Professor"));
        given().auth().oauth2(TestTokens.operator()).when().delete("/api/v1/contacts/" + id).then().statusCode(204);
        given().auth().oauth2(TestTokens.viewer()).queryParam("email", email).when().get("/api/v1/contacts")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void rejectsAContactWithoutANameOrWithABadEmail() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"email\":\"nope\"}")
                .when().post("/api/v1/contacts")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItems("/full_name", "/email"));
    }
}
