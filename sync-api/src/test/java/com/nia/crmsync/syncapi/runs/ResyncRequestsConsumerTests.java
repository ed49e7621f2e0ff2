package com.nia.crmsync.syncapi.runs;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Resync requests published by other services as raw JSON on {@code crm.sync.requests.v1}: fanned
 * out into bulk commands as a run that completes with its results, one run per request event
 * however often it is delivered, invalid ones dead-lettered with the reason.
 */
@QuarkusTest
@SyncApiInfrastructure
class ResyncRequestsConsumerTests {

    @InjectKafka
    TestKafka kafka;

    @InjectPostgres
    TestPostgres postgres;

    @Test
    void aResyncRequestPublishedAsRawJsonFansOutIntoBulkCommandsAndARunThatCompletes() throws Exception {
        List<UUID> leads = insertLeads(3);
        UUID eventId = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        kafka.send(Topics.SYNC_REQUESTS, requestId.toString(), rawRequest(eventId, requestId, "\"scope\":\"ids\",\"entityTypes\":[\"lead\"],"
                + "\"ids\":[" + leads.stream().map(id -> "\"" + id + "\"").collect(Collectors.joining(",")) + "],"
                + "\"force\":true,\"dryRun\":false,\"requestedBy\":\"scheduler/test\""));
        String runId = ResyncRequestsConsumer.runIdFor(eventId).toString();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/crm/sync/runs/" + runId).then().statusCode(200).body("status", equalTo("running")));
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/crm/sync/runs/" + runId).then()
                .body("kind", equalTo("resync")).body("requested_by", equalTo("scheduler/test")).body("total", equalTo(3))
                .body("params.request_id", equalTo(requestId.toString())).body("params.scope", equalTo("ids"))
                .body("dry_run", equalTo(false));

        List<Envelope<Command>> commands = commandsOf(runId, 3);
        assertThat(commands).hasSize(3);
        assertThat(commands).allSatisfy(c -> {
            assertThat(((SyncCommand) c.payload()).lane()).isEqualTo(Lane.BULK);
            assertThat(((SyncCommand) c.payload()).dryRun()).isFalse();
        });
        assertThat(commands.stream().map(c -> c.payload().entity().localId()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(leads);

        for (Envelope<Command> command : commands) {
            SyncCommand c = (SyncCommand) command.payload();
            SyncResult result = SyncResult.answering(c, Outcome.SYNCED, "test-worker").action(Action.CREATE)
                    .entity(c.entity().withCreatioId(c.allocatedCreatioId())).build();
            kafka.send(Topics.RESULTS, command.aggregateId(), Json.write(Envelope.result(command, result)));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/crm/sync/runs/" + runId).then().body("status", equalTo("completed")).body("done", equalTo(3))
                .body("synced", equalTo(3)).body("progress_percent", equalTo(100)));
    }

    @Test
    void theSameRequestDeliveredTwiceMakesOneRun() throws Exception {
        List<UUID> leads = insertLeads(2);
        UUID eventId = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        String request = rawRequest(eventId, requestId, "\"scope\":\"ids\",\"entityTypes\":[\"lead\"],\"ids\":[\"" + leads.get(0)
                + "\"],\"force\":true,\"dryRun\":false");
        kafka.send(Topics.SYNC_REQUESTS, requestId.toString(), request);
        kafka.send(Topics.SYNC_REQUESTS, requestId.toString(), request);
        // a later request on the same key (same partition): once its run exists, both deliveries were consumed
        UUID markerEvent = UUID.randomUUID();
        kafka.send(Topics.SYNC_REQUESTS, requestId.toString(), rawRequest(markerEvent, UUID.randomUUID(),
                "\"scope\":\"ids\",\"entityTypes\":[\"lead\"],\"ids\":[\"" + leads.get(1) + "\"],\"force\":true,\"dryRun\":false"));
        String runId = ResyncRequestsConsumer.runIdFor(eventId).toString();
        String marker = ResyncRequestsConsumer.runIdFor(markerEvent).toString();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(TestTokens.viewer())
                .get("/api/v1/crm/sync/runs/" + marker).then().statusCode(200).body("status", equalTo("running")));

        assertThat(count("SELECT count(*) FROM sync_run WHERE params->>'request_id' = '" + requestId + "'")).isEqualTo(1);
        given().auth().oauth2(TestTokens.viewer()).get("/api/v1/crm/sync/runs/" + runId).then().statusCode(200)
                .body("total", equalTo(1)).body("requested_by", equalTo("kafka"));
        String key = EntityKey.kafkaKey(EntityType.LEAD, leads.get(0));
        List<ConsumerRecord<String, String>> bulk = kafka.readAll(Topics.COMMANDS_BULK, Duration.ofSeconds(3));
        assertThat(bulk.stream().filter(r -> key.equals(r.key()) && r.value().contains(runId)).count()).isEqualTo(1);
    }

    @Test
    void anInvalidRequestIsDeadLetteredWithTheReasonAndMakesNoRun() throws Exception {
        UUID eventId = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        kafka.send(Topics.SYNC_REQUESTS, requestId.toString(), rawRequest(eventId, requestId,
                "\"scope\":\"ids\",\"entityTypes\":[\"lead\"],\"force\":false,\"dryRun\":false"));
        UUID meetingsEvent = UUID.randomUUID();
        UUID meetingsRequest = UUID.randomUUID();
        kafka.send(Topics.SYNC_REQUESTS, meetingsRequest.toString(), rawRequest(meetingsEvent, meetingsRequest,
                "\"scope\":\"entity_type\",\"entityTypes\":[\"meeting\"],\"force\":false,\"dryRun\":false"));

        Set<String> keys = Set.of(requestId.toString(), meetingsRequest.toString());
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.DEAD_LETTERS,
                rs -> rs.stream().filter(r -> keys.contains(r.key())).count() >= 2, Duration.ofSeconds(30));
        ConsumerRecord<String, String> noIds = dead.stream().filter(r -> requestId.toString().equals(r.key())).findFirst().orElseThrow();
        assertThat(TestKafka.header(noIds, "dead-letter-reason")).contains("/payload/ids");
        assertThat(TestKafka.header(noIds, "dead-letter-topic")).isEqualTo(Topics.SYNC_REQUESTS);
        assertThat(noIds.value()).contains(eventId.toString());
        ConsumerRecord<String, String> meetings = dead.stream().filter(r -> meetingsRequest.toString().equals(r.key())).findFirst()
                .orElseThrow();
        assertThat(TestKafka.header(meetings, "dead-letter-reason")).contains("/payload/entityTypes").contains("meeting");
        assertThat(count("SELECT count(*) FROM sync_run WHERE id IN ('" + ResyncRequestsConsumer.runIdFor(eventId) + "', '"
                + ResyncRequestsConsumer.runIdFor(meetingsEvent) + "')")).isZero();
    }

    /** A request envelope as another service writes it with kcat: plain JSON text. */
    private static String rawRequest(UUID eventId, UUID requestId, String payloadFields) {
        return "{\"eventId\":\"" + eventId + "\",\"type\":\"crm.sync.resync.requested\",\"schemaVersion\":1,"
                + "\"aggregateId\":\"" + requestId + "\",\"correlationId\":\"" + eventId + "\",\"occurredAt\":\"2026-11-28T01:00:00Z\","
                + "\"payload\":{\"requestId\":\"" + requestId + "\"," + payloadFields + "}}";
    }

    private List<Envelope<Command>> commandsOf(String runId, int expected) {
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.COMMANDS_BULK,
                rs -> rs.stream().filter(r -> r.value().contains(runId)).count() >= expected, Duration.ofSeconds(30));
        return records.stream().filter(r -> r.value().contains(runId)).map(r -> Json.readEnvelope(r.value(), Command.class)).toList();
    }

    private List<UUID> insertLeads(int n) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = postgres.connect(); PreparedStatement st = c.prepareStatement(
                "INSERT INTO lead (id, first_name, last_name, email, company, created_at, updated_at) VALUES (?, 'Resync', ?, ?, 'Acme', now(), now())")) {
            for (int i = 0; i < n; i++) {
                UUID id = UUID.randomUUID();
                st.setObject(1, id);
                st.setString(2, "Lead " + i);
                st.setString(3, "resync-" + id + "@example.com");
                st.executeUpdate();
                ids.add(id);
            }
        }
        return ids;
    }

    private long count(String sql) throws Exception {
        try (Connection c = postgres.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
