package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 18's dead-letter acceptance at the API, over the real stack: a command the worker dead-letters after its
 * last attempt against a simulator fault is listed and shown; replayed while the fault is still there, it fails again
 * and is dead-lettered with attempt 2; once the fault is gone, that dead letter is replayed and processed (Creatio
 * holds the edit); replaying it a second time changes nothing.
 */
class DeadLetterSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(180);
    private static final String DEAD_LETTERS = "/api/v1/crm/dead-letters";

    @Test
    void aDeadLetteredCommandIsListedShownFailsAgainWithAttemptTwoThenIsReplayedAndProcessedOnce() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("first_name", "Dead");
        fields.put("last_name", "Letter");
        fields.put("email", "dlq." + marker + "@nia.example");
        fields.put("company", "Replayable " + marker);
        fields.put("status", "new");
        UUID lead = sync.createLead(fields);
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, lead);
        String key = EntityKey.kafkaKey(EntityType.LEAD, lead);
        sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);
        // one attempt only: the first 503 is the last attempt, dead-lettered by the worker
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"max_retries\":0}").when().patch("/api/v1/crm/sync/records/lead/" + lead).then().statusCode(200);
        sync.fault(Map.of("group", "odata", "entitySet", "Lead", "methods", List.of("PATCH"), "ids", List.of(creatioId.toString()),
                "action", "error", "status", 503));
        String title = "Replayed " + marker;
        sync.editLead(lead, Map.of("title", title));
        sync.awaitStatus(EntityType.LEAD, lead, "failed", WITHIN);

        // listed and shown
        Map<String, Object> first = awaitDeadLetter(key, 1);
        assertThat(first).containsEntry("origin_topic", Topics.COMMANDS_REALTIME).containsEntry("event_type", EventTypes.SYNC_COMMAND)
                .containsEntry("replayed_at", null);
        assertThat((String) first.get("reason")).contains("retries exhausted");
        String firstId = (String) first.get("id");
        JsonPath shown = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).when().get(DEAD_LETTERS + "/" + firstId)
                .then().statusCode(200).extract().jsonPath();
        assertThat(shown.getString("key")).isEqualTo(key);
        assertThat(shown.getString("value.aggregateId")).isEqualTo(key);
        assertThat(shown.getString("value.payload.entity.localId")).isEqualTo(lead.toString());
        assertThat(shown.getString("headers.'dead-letter-topic'")).isEqualTo(Topics.COMMANDS_REALTIME);

        // replayed while Creatio still refuses it: dead-lettered again, attempt 2
        assertThat(replay(firstId).getList("replayed.id")).containsExactly(firstId);
        Map<String, Object> second = awaitDeadLetter(key, 2);
        String secondId = (String) second.get("id");
        assertThat(secondId).isNotEqualTo(firstId);
        assertThat(sync.creatio("Lead", creatioId).orElseThrow().get("FullJobTitle")).isNotEqualTo(title);

        // fixed in the simulator, replayed and processed
        sync.clearFaults();
        JsonPath replayed = replay(secondId);
        assertThat(replayed.getList("replayed.id")).containsExactly(secondId);
        assertThat(replayed.getString("replayed[0].origin_topic")).isEqualTo(Topics.COMMANDS_REALTIME);
        assertThat(replayed.getString("replayed[0].key")).isEqualTo(key);
        await().atMost(WITHIN).until(() -> title.equals(sync.creatio("Lead", creatioId).orElseThrow().get("FullJobTitle")));

        // a second replay of the same dead letters changes nothing
        Instant afterProcessed = sync.simulatorNow();
        JsonPath again = replay(secondId, firstId);
        assertThat(again.getList("replayed")).isEmpty();
        assertThat(again.getList("skipped.id")).containsExactly(secondId, firstId);
        assertThat(again.getList("skipped.reason", String.class)).containsOnly("already replayed");
        List<ConsumerRecord<String, String>> republished = kafka.readAll(Topics.COMMANDS_REALTIME, Duration.ofSeconds(5)).stream()
                .filter(r -> key.equals(r.key()) && r.headers().lastHeader(DeadLetterHeaders.REPLAY_ATTEMPT) != null).toList();
        assertThat(republished).extracting(r -> TestKafka.header(r, DeadLetterHeaders.REPLAY_ATTEMPT)).containsExactly("1", "2");
        assertThat(sync.requestsSince(afterProcessed)).noneMatch(r -> String.valueOf(r.get("path")).contains(creatioId.toString()));
        assertThat(deadLetters(key)).hasSize(2);
    }

    private JsonPath replay(String... ids) {
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(ids))).when().post(DEAD_LETTERS + "/replay").then().statusCode(200).extract().jsonPath();
    }

    private List<Map<String, Object>> deadLetters(String key) {
        List<Map<String, Object>> items = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator())
                .queryParam("topic", Topics.COMMANDS_REALTIME).queryParam("reason", "retries exhausted").queryParam("size", 500)
                .when().get(DEAD_LETTERS).then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(i -> key.equals(i.get("key"))).toList();
    }

    private Map<String, Object> awaitDeadLetter(String key, int attempt) {
        return await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(
                () -> deadLetters(key).stream().filter(i -> Integer.valueOf(attempt).equals(i.get("attempt"))).findFirst(),
                Optional::isPresent).orElseThrow();
    }
}
