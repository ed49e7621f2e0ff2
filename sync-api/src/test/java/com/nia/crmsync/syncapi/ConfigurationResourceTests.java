package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/** The versioned configuration: read by everyone, changed by admins with If-Match, published on the config topic. */
@QuarkusTest
@SyncApiInfrastructure
class ConfigurationResourceTests {

    @InjectKafka
    TestKafka kafka;

    @InjectPostgres
    TestPostgres postgres;

    @Test
    void anAdminsChangeBecomesTheNextVersionAndIsPublishedOnTheConfigTopic() throws Exception {
        ExtractableResponse<Response> current = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/config")
                .then().statusCode(200).extract();
        long version = current.jsonPath().getLong("version");
        assertThat(current.header("ETag")).isEqualTo("\"" + version + "\"");
        Map<String, Object> configuration = current.jsonPath().getMap("configuration");
        @SuppressWarnings("unchecked")
        Map<String, Object> batch = (Map<String, Object>) configuration.get("batchSizes");
        batch.put("pullPageSize", 777);

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(Json.write(configuration))
                .when().put("/api/v1/crm/config")
                .then().statusCode(200).header("ETag", "\"" + (version + 1) + "\"")
                .body("version", equalTo((int) version + 1)).body("updatedBy", equalTo("ada.admin"))
                .body("configuration.batchSizes.pullPageSize", equalTo(777));

        List<ConsumerRecord<String, String>> published = kafka.readUntil(Topics.CONFIG,
                rs -> rs.stream().anyMatch(r -> r.value().contains("\"version\":" + (version + 1))), Duration.ofSeconds(30));
        ConsumerRecord<String, String> record = published.stream()
                .filter(r -> r.value().contains("\"version\":" + (version + 1))).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(ConfigRecord.KEY);
        ConfigRecord payload = Json.readEnvelope(record.value(), ConfigRecord.class).payload();
        assertThat(payload.configuration().batchSizes().pullPageSize()).isEqualTo(777);

        try (Connection c = postgres.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT actor, before_state::text, after_state::text FROM audit_entry WHERE action = 'configuration.update' ORDER BY id DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("actor")).isEqualTo("ada.admin");
            assertThat(rs.getString(3)).contains("777");
        }
    }

    @Test
    void refusesAStaleOrMissingVersionAndAnInvalidConfiguration() {
        ExtractableResponse<Response> current = given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/config")
                .then().statusCode(200).extract();
        long version = current.jsonPath().getLong("version");
        Map<String, Object> configuration = current.jsonPath().getMap("configuration");

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(Json.write(configuration))
                .when().put("/api/v1/crm/config").then().statusCode(428).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + (version + 50) + "\"").contentType(ContentType.JSON)
                .body(Json.write(configuration))
                .when().put("/api/v1/crm/config").then().statusCode(412).contentType("application/problem+json");

        @SuppressWarnings("unchecked")
        Map<String, Object> batch = (Map<String, Object>) configuration.get("batchSizes");
        batch.put("pullPageSize", 30_000);
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(Json.write(configuration))
                .when().put("/api/v1/crm/config")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/configuration/batchSizes/pullPageSize"));
    }

    @Test
    void anOperatorCannotChangeTheConfiguration() {
        given().auth().oauth2(TestTokens.operator()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/crm/config").then().statusCode(403);
    }
}
