package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.systemtest.CrmSyncCli.Run;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 18's dead-letter acceptance through {@code crm-sync dlq} (sync-api's dead-letter
 * endpoints, the CLI holding no Kafka credentials): a command Creatio keeps refusing is
 * dead-lettered, listed and shown, the simulator is fixed, the dead letter is replayed (a dry run
 * first) and processed — Creatio gets the value and the lead is {@code synced} again — and a second
 * replay changes nothing. It runs after DeadLetterSystemTests, whose refusals may have opened the
 * gateway's update breaker: the record fails all the same, because a half-open probe's own failure
 * is what the gateway answers (not the breaker it reopened), so the attempt is counted.
 */
class CliDeadLetterSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private final CrmSyncCli commands = new CrmSyncCli(sync.stack.service(ServiceKind.FRONT_ROUTER).baseUrl());

    @Test
    void aPoisonCommandIsDeadLetteredListedShownReplayedOnceFixedAndProcessed() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("first_name", "Poison");
        fields.put("last_name", "Pill");
        fields.put("email", "poison." + marker + "@nia.example");
        fields.put("company", "Dead Letters " + marker);
        fields.put("status", "new");
        UUID lead = sync.createLead(fields);
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, lead);
        sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"max_retries\":0}").when().patch("/api/v1/crm/sync/records/lead/" + lead).then().statusCode(200);
        Instant since = Instant.now().minusSeconds(5);

        // Creatio refuses every write of this record until it is fixed
        sync.fault(Map.of("group", "odata", "entitySet", "Lead", "methods", List.of("PATCH"), "ids", List.of(creatioId.toString()),
                "action", "error", "status", 503));
        sync.editLead(lead, Map.of("title", "Replayed " + marker));
        sync.awaitStatus(EntityType.LEAD, lead, "failed", Duration.ofSeconds(180));

        String key = EntityKey.kafkaKey(EntityType.LEAD, lead);
        String[] list = {"dlq", "list", "--topic", Topics.COMMANDS_REALTIME, "--since", since.toString(), "--json"};
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> letterOf(cli(TestTokens.operator(), list).json(), key) != null);
        JsonNode listed = cli(TestTokens.operator(), list).json();
        assertThat(listed).isEqualTo(api(TestTokens.operator(), "/api/v1/crm/dead-letters?topic=" + Topics.COMMANDS_REALTIME + "&since=" + since));
        JsonNode letter = letterOf(listed, key);
        String id = letter.path("id").asText();
        assertThat(letter.path("attempt").asInt()).isEqualTo(1);
        assertThat(letter.path("replayed_at").isNull()).isTrue();

        Run show = cli(TestTokens.operator(), "dlq", "show", id, "--json");
        assertThat(show.exit()).as(show.err()).isZero();
        assertThat(show.json()).isEqualTo(api(TestTokens.operator(), "/api/v1/crm/dead-letters/" + id));
        assertThat(show.json().path("key").asText()).isEqualTo(key);
        Run human = cli(TestTokens.operator(), "dlq", "show", id);
        assertThat(human.out()).contains(key).contains(Topics.COMMANDS_REALTIME).contains("value");

        sync.clearFaults();
        Run dryRun = cli(TestTokens.admin(), "dlq", "replay", id, "--dry-run", "--json");
        assertThat(dryRun.exit()).as(dryRun.err()).isZero();
        assertThat(dryRun.json().path("dry_run").asBoolean()).isTrue();
        assertThat(dryRun.json().path("replayed").findValuesAsText("id")).containsExactly(id);
        assertThat(cli(TestTokens.operator(), "dlq", "replay", id).exit()).as("replay is for admins").isEqualTo(3);

        Run replay = cli(TestTokens.admin(), "dlq", "replay", id, "--json");
        assertThat(replay.exit()).as(replay.err()).isZero();
        assertThat(replay.json().path("replayed").findValuesAsText("id")).containsExactly(id);
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> ("Replayed " + marker).equals(sync.creatio("Lead", creatioId).orElseThrow().get("FullJobTitle")));
        // the replayed command put its record back in flight, so its result counts: the lead is synced again
        sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN);

        Run again = cli(TestTokens.admin(), "dlq", "replay", id, "--json");
        assertThat(again.exit()).as(again.err()).isZero();
        assertThat(again.json().path("replayed")).isEmpty();
        assertThat(again.json().path("skipped").findValuesAsText("id")).containsExactly(id);
        assertThat(again.json().path("skipped").findValuesAsText("reason")).singleElement().asString().contains("already replayed");
        JsonNode after = cli(TestTokens.operator(), list).json();
        assertThat(StreamSupport.stream(after.path("items").spliterator(), false).filter(i -> key.equals(i.path("key").asText())))
                .as("processed: not dead-lettered again").hasSize(1)
                .allSatisfy(i -> assertThat(i.path("replayed_at").isNull()).isFalse());
    }

    private static JsonNode letterOf(JsonNode page, String key) {
        for (JsonNode item : page.path("items")) {
            if (key.equals(item.path("key").asText())) {
                return item;
            }
        }
        return null;
    }

    private Run cli(String token, String... args) {
        return commands.as(token, args);
    }

    private JsonNode api(String token, String pathAndQuery) {
        return commands.api(token, "GET", pathAndQuery);
    }
}
