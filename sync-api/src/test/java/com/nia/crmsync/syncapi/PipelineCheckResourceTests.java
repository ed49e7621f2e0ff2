package com.nia.crmsync.syncapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/**
 * The pipeline check over the real broker and database: probes leave through the outbox, this
 * test plays the worker, and results are applied once however often they arrive.
 */
@QuarkusTest
@SyncApiInfrastructure
class PipelineCheckResourceTests {

    @InjectKafka
    TestKafka kafka;

    @Test
    void publishesProbesThroughTheOutboxAndAppliesEachResultOnce() {
        String runId = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"count\":3,\"work_millis\":0}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(202).body("count", equalTo(3))
                .extract().path("run_id");

        List<Envelope<Command>> probes = commandsOf(runId, 3);
        assertThat(probes).allSatisfy(p -> {
            assertThat(p.aggregateId()).isNotBlank();
            assertThat(((SyncCommand) p.payload()).operation()).isEqualTo(Operation.PROBE);
        });

        // answer every probe twice, as a worker killed before its commit would after a redelivery
        for (int round = 0; round < 2; round++) {
            for (Envelope<Command> probe : probes) {
                SyncCommand c = (SyncCommand) probe.payload();
                SyncResult result = SyncResult.probed(c, "test-worker");
                kafka.send(Topics.RESULTS, probe.aggregateId(), Json.write(Envelope.result(probe, result)));
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/pipeline-check/" + runId)
                        .then().statusCode(200)
                        .body("sent", equalTo(3))
                        .body("returned", equalTo(3))
                        .body("pending", equalTo(0))
                        .body("applied_more_than_once", equalTo(0))
                        .body("handled_by", equalTo(List.of("test-worker"))));
    }

    @Test
    void deadLettersAPoisonResultAndKeepsConsuming() {
        String poisonKey = "poison-" + UUID.randomUUID();
        kafka.send(Topics.RESULTS, poisonKey, "{not json");

        String runId = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"count\":1,\"work_millis\":0}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(202).extract().path("run_id");
        Envelope<Command> probe = commandsOf(runId, 1).get(0);
        SyncCommand c = (SyncCommand) probe.payload();
        SyncResult result = SyncResult.probed(c, "test-worker");
        kafka.send(Topics.RESULTS, probe.aggregateId(), Json.write(Envelope.result(probe, result)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/pipeline-check/" + runId).then().body("returned", equalTo(1)));
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.DEAD_LETTERS,
                rs -> rs.stream().anyMatch(r -> poisonKey.equals(r.key())), Duration.ofSeconds(30));
        ConsumerRecord<String, String> letter = dead.stream().filter(r -> poisonKey.equals(r.key())).findFirst().orElseThrow();
        assertThat(letter.value()).isEqualTo("{not json");
        assertThat(TestKafka.header(letter, "dead-letter-reason")).isNotBlank();
        assertThat(TestKafka.header(letter, "dead-letter-topic")).isEqualTo(Topics.RESULTS);
    }

    /** A well-formed result without its record: dead-lettered naming what is missing, not retried in place for a minute. */
    @Test
    void deadLettersAResultWithoutItsRecordNamingTheMissingPart() {
        String poisonKey = "hollow-" + UUID.randomUUID();
        SyncCommand c = SyncCommand.probe(com.nia.crmsync.model.entity.EntityKey.local(com.nia.crmsync.model.entity.EntityType.LEAD,
                UUID.randomUUID()), com.nia.crmsync.model.command.Lane.REALTIME, 0, 0L);
        Envelope<SyncCommand> command = Envelope.command(c, UUID.randomUUID());
        String hollow = Json.write(Envelope.result(command, SyncResult.probed(c, "test-worker")))
                .replaceFirst("\"entity\":\\{[^}]*\\},?", "");
        assertThat(hollow).doesNotContain("\"entity\"");
        kafka.send(Topics.RESULTS, poisonKey, hollow);

        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.DEAD_LETTERS,
                rs -> rs.stream().anyMatch(r -> poisonKey.equals(r.key())), Duration.ofSeconds(20));
        ConsumerRecord<String, String> letter = dead.stream().filter(r -> poisonKey.equals(r.key())).findFirst().orElseThrow();
        assertThat(TestKafka.header(letter, "dead-letter-reason")).contains("/payload/entity");
    }

    @Test
    void rejectsAnInvalidRequestWithAProblemNamingTheField() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"count\":0,\"work_millis\":-5}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", equalTo(List.of("/count", "/work_millis")));
    }

    /** Values Jackson cannot read into the field's type: the problem still names the field (found by the HTTP fuzz suite). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\"abc\"", "{}", "999999999999999999999999999999", "[1]"})
    void aValueOfTheWrongTypeIsAProblemNamingItsField(String wrong) {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"count\":" + wrong + ",\"work_millis\":1,\"fuzz_extra\":\"x\"}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("/count")));
    }

    /** JSON is UTF-8 only: a body declared in another charset is refused, not read as UTF-8 anyway (found by the HTTP fuzz suite). */
    @Test
    void refusesJsonDeclaredInAnotherCharsetWith415() {
        given().auth().oauth2(TestTokens.operator())
                .config(io.restassured.RestAssured.config().encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                        .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .header("Content-Type", "application/json; charset=ebcdic")
                .body("{\"count\":1,\"work_millis\":0}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(415)
                .contentType("application/problem+json")
                .body("status", equalTo(415));
    }

    /** The operations that start with defaults when the body is absent say so in the document (an empty POST is no bad input). */
    @Test
    void documentsTheBodiesThatMayBeAbsentAsOptional() {
        io.restassured.path.json.JsonPath doc = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        for (String path : List.of("/api/v1/crm/sync/sync_all", "/api/v1/crm/sync/retry-failed", "/api/v1/crm/sync/pull",
                "/api/v1/crm/sync/reconcile")) {
            assertThat(doc.getMap("paths.'" + path + "'.post.requestBody")).as(path).isNotNull();
            assertThat((Object) doc.get("paths.'" + path + "'.post.requestBody.required")).as(path).isIn(null, false);
        }
        assertThat((Object) doc.get("paths.'/api/v1/crm/sync/pipeline-check'.post.requestBody.required")).isEqualTo(true);
    }

    @Test
    void answersAnUnknownCheckWithAProblem() {
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/pipeline-check/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }

    private List<Envelope<Command>> commandsOf(String runId, int expected) {
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.COMMANDS_REALTIME,
                rs -> rs.stream().filter(r -> r.value().contains(runId)).count() >= expected, Duration.ofSeconds(30));
        List<Envelope<Command>> probes = records.stream().filter(r -> r.value().contains(runId))
                .map(r -> Json.readEnvelope(r.value(), Command.class)).toList();
        assertThat(probes).hasSize(expected);
        return probes;
    }
}
