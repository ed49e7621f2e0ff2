package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

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

/**
 * The versioned configuration: read by everyone, changed by admins with If-Match, published on the config topic;
 * snake_case both ways, and a version stored in camelCase before that change still read.
 */
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
        Map<String, Object> batch = (Map<String, Object>) configuration.get("batch_sizes");
        batch.put("pull_page_size", 777);

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(Json.write(configuration))
                .when().put("/api/v1/crm/config")
                .then().statusCode(200).header("ETag", "\"" + (version + 1) + "\"")
                .body("version", equalTo((int) version + 1)).body("updated_by", equalTo("ada.admin"))
                .body("configuration.batch_sizes.pull_page_size", equalTo(777));

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
        Map<String, Object> batch = (Map<String, Object>) configuration.get("batch_sizes");
        batch.put("pull_page_size", 30_000);
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(Json.write(configuration))
                .when().put("/api/v1/crm/config")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/configuration/batch_sizes/pull_page_size"));
    }

    @Test
    void aVersionStoredInCamelCaseBeforeTheChangeIsStillReadAndAnsweredInSnakeCase() throws Exception {
        ExtractableResponse<Response> current = given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/config")
                .then().statusCode(200).extract();
        long version = current.jsonPath().getLong("version");
        Map<String, Object> configuration = current.jsonPath().getMap("configuration");
        Path root = Path.of(System.getProperty("nia.repo.root", ".."));
        JsonNode old = Json.mapper().readTree(Files.readString(
                root.resolve("common-model/src/test/resources/config/configuration-record-camel-case.json"))).at("/payload/configuration");
        assertThat(old.has("odataRoot")).isTrue();
        try (Connection c = postgres.connect(); PreparedStatement insert = c.prepareStatement(
                "INSERT INTO creatio_configuration (version, body, updated_at, updated_by) VALUES (?, CAST(? AS jsonb), now(), 'before')")) {
            insert.setLong(1, version + 1);
            insert.setString(2, old.toString());
            insert.executeUpdate();
        }

        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/config")
                .then().statusCode(200)
                .body("version", equalTo((int) version + 1)).body("updated_by", equalTo("before"))
                .body("configuration.odata_root", equalTo("/0/odata"))
                .body("configuration.batch_sizes.pull_page_size", equalTo(1000))
                .body("configuration.default_max_retries", equalTo(5))
                .body("configuration.meetings.default_owner_contact_id", equalTo("410006e1-ca4e-4502-a9ec-e54d922d2c00"))
                .body("configuration.entities[0].link_by.nia_id_column", equalTo("UsrNiaId"))
                .body("configuration", not(hasKey("odataRoot")));

        // the next edit is stored in snake_case; it also puts back the configuration the other tests expect
        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + (version + 1) + "\"").contentType(ContentType.JSON)
                .body(Json.write(configuration))
                .when().put("/api/v1/crm/config")
                .then().statusCode(200).body("version", equalTo((int) version + 2));
        try (Connection c = postgres.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT body ? 'odata_root', body ? 'odataRoot', body -> 'batch_sizes' ? 'pull_page_size' FROM creatio_configuration"
                        + " WHERE version = " + (version + 2))) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBoolean(1)).isTrue();
            assertThat(rs.getBoolean(2)).isFalse();
            assertThat(rs.getBoolean(3)).isTrue();
        }
    }

    @Test
    void aCamelCaseConfigurationIsNoLongerAcceptedAndTheProblemNamesTheSnakeCaseField() throws Exception {
        ExtractableResponse<Response> current = given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/config")
                .then().statusCode(200).extract();
        long version = current.jsonPath().getLong("version");
        Path root = Path.of(System.getProperty("nia.repo.root", ".."));
        JsonNode old = Json.mapper().readTree(Files.readString(
                root.resolve("common-model/src/test/resources/config/configuration-record-camel-case.json"))).at("/payload/configuration");

        given().auth().oauth2(TestTokens.admin()).header("If-Match", "\"" + version + "\"").contentType(ContentType.JSON)
                .body(old.toString())
                .when().put("/api/v1/crm/config")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/configuration/odata_root"))
                .body("errors.field", hasItem("/configuration/batch_sizes"));
    }

    @Test
    void anOperatorCannotChangeTheConfiguration() {
        given().auth().oauth2(TestTokens.operator()).header("If-Match", "\"1\"").contentType(ContentType.JSON).body("{}")
                .when().put("/api/v1/crm/config").then().statusCode(403);
    }
}
