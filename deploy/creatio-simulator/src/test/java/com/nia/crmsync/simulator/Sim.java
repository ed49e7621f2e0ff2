package com.nia.crmsync.simulator;

import static io.restassured.RestAssured.given;

import java.util.Map;

import io.restassured.filter.log.LogDetail;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Test helpers for talking to the simulator over real HTTP: tokens, an authorised OData request,
 * the control API.
 */
public final class Sim {

    public static final String CLIENT_ID = "nia-sync";
    public static final String CLIENT_SECRET = "nia-sync-demo-secret";
    public static final String ODATA = "/0/odata";

    private Sim() {
    }

    /** Back to a fresh Creatio: baseline data, no faults, configured quirks, real time, zero counters. */
    public static void reset() {
        given().post("/sim/reset").then().statusCode(204);
    }

    public static String token() {
        return token(CLIENT_ID, CLIENT_SECRET);
    }

    public static String token(String clientId, String secret) {
        return given()
                .contentType(ContentType.URLENC)
                .formParams(Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret))
                .post("/connect/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }

    /** A request with a fresh bearer token and Creatio's documented headers. */
    public static RequestSpecification odata() {
        return odata(token());
    }

    public static RequestSpecification odata(String token) {
        return given()
                .header("Authorization", "Bearer " + token)
                .accept("application/json")
                .contentType("application/json; charset=utf-8; IEEE754Compatible=true")
                .urlEncodingEnabled(true)
                .log().ifValidationFails(LogDetail.ALL);
    }

    public static RequestSpecification control() {
        return given().contentType(ContentType.JSON).log().ifValidationFails(LogDetail.ALL);
    }

    /** Seeds demo data through the control API. */
    public static void seed(int leads, int contacts, int accounts, int activities) {
        control().body(Map.of("leads", leads, "contacts", contacts, "accounts", accounts, "activities", activities,
                "seed", 42)).post("/sim/seed").then().statusCode(200);
    }

    /** Adds a fault rule and returns its id. */
    public static String fault(Map<String, Object> rule) {
        return control().body(rule).post("/sim/faults").then().statusCode(201).extract().path("id");
    }

    public static void quirks(Map<String, Object> change) {
        control().body(change).put("/sim/quirks").then().statusCode(200);
    }
}
