package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import com.nia.crmsync.testkit.TestTokens;

/** {@code sync-api.fixtures.load}: the local stack's demo fixtures are in the store once the service has started. */
@QuarkusTest
@SyncApiInfrastructure
@TestProfile(FixtureStartupLoaderTests.LoadsDemoFixtures.class)
class FixtureStartupLoaderTests {

    /** The start-up loader pointed at the demo file, as the local stack does. */
    public static class LoadsDemoFixtures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync-api.fixtures.load", FixtureResourceTests.DEMO.toString());
        }
    }

    @Test
    void theDemoFixturesAreThereAfterStartUpWithoutAnyCommandPlanned() {
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/leads/f17e0000-0000-4000-8000-000000000008")
                .then().statusCode(200).body("last_name", equalTo("Hopper"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/contacts/f17ec000-0000-4000-8000-000000000003")
                .then().statusCode(200).body("full_name", equalTo("Ada Lovelace"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/lead/f17e0000-0000-4000-8000-000000000008")
                .then().statusCode(404);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/lead/f17e0000-0000-4000-8000-000000000006")
                .then().statusCode(200).body("status", equalTo("synced")).body("synced_version", equalTo(0));
    }
}
