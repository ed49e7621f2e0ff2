package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/** One record's sync state over HTTP: readable by every role, its retry limit editable by operators (audited). */
@QuarkusTest
@SyncApiInfrastructure
class SyncRecordResourceTests {

    @InjectPostgres
    TestPostgres postgres;
    @InjectKafka
    TestKafka kafka;

    private UUID newLead() {
        String email = "rec." + UUID.randomUUID() + "@nia.example";
        return UUID.fromString(given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + email + "\"}")
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id"));
    }

    @Test
    void showsWhereARecordStandsToEveryRole() {
        UUID id = newLead();

        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/lead/" + id)
                .then().statusCode(200)
                .body("entity_type", equalTo("lead"))
                .body("local_id", equalTo(id.toString()))
                .body("status", equalTo("in_progress"))
                .body("creatio_id", nullValue())
                .body("max_retries", nullValue())
                .body("effective_max_retries", equalTo(5))
                .body("attempt", equalTo(1));
        // not in Creatio yet: the command that creates it carries the Id derived from the record, so a re-plan allocates the same one
        String key = EntityKey.kafkaKey(EntityType.LEAD, id);
        List<ConsumerRecord<String, String>> commands = kafka.readUntil(Topics.COMMANDS_REALTIME,
                rs -> rs.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(30));
        SyncCommand command = (SyncCommand) commands.stream().filter(r -> key.equals(r.key()))
                .map(r -> Json.readEnvelope(r.value(), Command.class)).findFirst().orElseThrow().payload();
        assertThat(command.allocatedCreatioId()).isEqualTo(Ids.creatioIdFor(EntityType.LEAD, id)).isNotEqualTo(id);
    }

    @Test
    void anOperatorSetsARecordsRetryLimitAndTheAuditTrailKeepsBeforeAndAfter() throws Exception {
        UUID id = newLead();

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"max_retries\":2}")
                .when().patch("/api/v1/crm/sync/records/lead/" + id)
                .then().statusCode(200).body("max_retries", equalTo(2)).body("effective_max_retries", equalTo(2));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/lead/" + id)
                .then().statusCode(200).body("max_retries", equalTo(2));

        try (Connection c = postgres.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT actor, before_state::text, after_state::text FROM audit_entry WHERE action = 'sync.record.max-retries'"
                        + " AND target = 'lead/" + id + "/sync'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("actor")).isEqualTo("otto.operator");
            assertThat(rs.getString(2)).contains("\"max_retries\": null");
            assertThat(rs.getString(3)).contains("\"max_retries\": 2");
        }

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"max_retries\":null}")
                .when().patch("/api/v1/crm/sync/records/lead/" + id)
                .then().statusCode(200).body("max_retries", nullValue()).body("effective_max_retries", equalTo(5));
    }

    @Test
    void refusesAViewerAnOutOfRangeLimitAnUnknownTypeAndANeverSyncedRecord() {
        UUID id = newLead();

        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{\"max_retries\":2}")
                .when().patch("/api/v1/crm/sync/records/lead/" + id).then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"max_retries\":-1}")
                .when().patch("/api/v1/crm/sync/records/lead/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/gadget/" + id)
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/records/lead/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
    }
}
