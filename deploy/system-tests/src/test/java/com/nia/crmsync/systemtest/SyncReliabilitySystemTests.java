package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 6's acceptance on failures, first syncs and scale: retries that never block a partition,
 * then {@code failed} and a dead letter, then {@code retry-failed}; 500 records on both sides that
 * link instead of duplicating; two sync-api processes with the broker bounced while leads change.
 */
class SyncReliabilitySystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    private Map<String, Object> lead(int i) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", "Rel");
        f.put("last_name", "Lead" + i);
        f.put("email", "rel" + i + "." + marker + "@nia.example");
        f.put("company", "Reliable " + marker);
        f.put("status", "new");
        return f;
    }

    private static int partitionOf(UUID leadId) {
        byte[] key = EntityKey.kafkaKey(EntityType.LEAD, leadId).getBytes(StandardCharsets.UTF_8);
        int partitions = Topics.ALL.stream().filter(t -> t.name().equals(Topics.COMMANDS_REALTIME)).findFirst().orElseThrow()
                .partitions();
        return Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    @Test
    void injectedCreatioFailuresAreRetriedThenFailedAndDeadLetteredWhileTheSamePartitionKeepsSyncingAndRetryFailedRecovers() {
        // two leads whose commands share a partition
        Map<Integer, UUID> byPartition = new HashMap<>();
        UUID[] pair = null;
        for (int i = 0; pair == null; i++) {
            UUID id = sync.createLead(lead(i));
            UUID other = byPartition.putIfAbsent(partitionOf(id), id);
            if (other != null) {
                pair = new UUID[] {other, id};
            }
        }
        UUID failing = pair[0];
        UUID neighbour = pair[1];
        UUID failingCreatio = SyncPath.creatioIdOf(EntityType.LEAD, failing);
        UUID neighbourCreatio = SyncPath.creatioIdOf(EntityType.LEAD, neighbour);
        sync.awaitStatus(EntityType.LEAD, failing, "synced", WITHIN);
        sync.awaitStatus(EntityType.LEAD, neighbour, "synced", WITHIN);
        // an operator gives this record fewer attempts than the configuration's default (audited)
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"max_retries\":2}").when().patch("/api/v1/crm/sync/records/lead/" + failing)
                .then().statusCode(200).extract().jsonPath();

        sync.fault(Map.of("group", "odata", "entitySet", "Lead", "methods", List.of("PATCH"), "ids", List.of(failingCreatio.toString()),
                "action", "error", "status", 503));
        sync.editLead(failing, Map.of("title", "Doomed"));
        sync.editLead(neighbour, Map.of("title", "Fine"));

        await().atMost(WITHIN).until(() -> "Fine".equals(sync.creatio("Lead", neighbourCreatio).orElseThrow().get("FullJobTitle")));
        JsonPath failed = sync.awaitStatus(EntityType.LEAD, failing, "failed", Duration.ofSeconds(180));
        assertThat(failed.getInt("retry_count")).isEqualTo(2);
        assertThat(failed.getString("last_error")).contains("503").doesNotContain("Rel").doesNotContain(marker);
        String deadKey = EntityKey.kafkaKey(EntityType.LEAD, failing);
        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.DEAD_LETTERS,
                rs -> rs.stream().anyMatch(r -> deadKey.equals(r.key())), WITHIN);
        ConsumerRecord<String, String> letter = dead.stream().filter(r -> deadKey.equals(r.key())).findFirst().orElseThrow();
        assertThat(TestKafka.header(letter, "dead-letter-reason")).contains("retries exhausted");
        assertThat(TestKafka.header(letter, "dead-letter-topic")).isEqualTo(Topics.COMMANDS_REALTIME);
        assertThat(TestKafka.header(letter, "dead-letter-attempt")).isEqualTo("3");
        assertThat(Json.readEnvelope(letter.value(), SyncCommand.class).payload().entity().localId()).isEqualTo(failing);
        assertThat(sync.creatio("Lead", failingCreatio).orElseThrow().get("FullJobTitle")).isNotEqualTo("Doomed");

        sync.clearFaults();
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("ids", List.of(failing.toString()))).when().post("/api/v1/crm/sync/retry-failed/")
                .then().statusCode(202);
        sync.awaitStatus(EntityType.LEAD, failing, "synced", WITHIN);
        assertThat(sync.creatio("Lead", failingCreatio).orElseThrow().get("FullJobTitle")).isEqualTo("Doomed");
    }

    @Test
    void fiveHundredRecordsOnBothSidesBeforeTheFirstSyncAreLinkedWithoutACreate() {
        int n = 500;
        Map<String, UUID> creatioByEmail = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String email = "both" + i + "." + marker + "@nia.example";
            creatioByEmail.put(email, sync.userCreates("Lead", Map.of("Contact", "Both Sides" + i, "Email", email,
                    "Account", "Existing " + marker)));
        }
        // NIA's records exist before the first sync: imported while pushing was off
        sync.changeConfiguration(c -> flags(c).put("push_enabled", false));
        Map<String, UUID> niaByEmail = new LinkedHashMap<>();
        try {
            for (int i = 0; i < n; i++) {
                String email = "both" + i + "." + marker + "@nia.example";
                niaByEmail.put(email, sync.createLead(Map.of("first_name", "Both", "last_name", "Sides" + i, "email", email,
                        "company", "Existing " + marker)));
            }
        } finally {
            sync.changeConfiguration(c -> flags(c).put("push_enabled", true));
        }
        java.time.Instant before = sync.simulatorNow();

        String runId = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("entity_types", List.of("lead"))).when().post("/api/v1/crm/sync/sync_all/")
                .then().statusCode(202).extract().path("run_id");
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> "completed".equals(
                given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                        .then().statusCode(200).extract().path("status")));

        long creates = sync.requestsSince(before).stream()
                .filter(r -> "POST".equals(r.get("method")) && String.valueOf(r.get("path")).matches(".*/Lead$")).count();
        int links = 0;
        for (Map.Entry<String, UUID> e : niaByEmail.entrySet()) {
            JsonPath state = sync.syncState(EntityType.LEAD, e.getValue()).orElseThrow();
            assertThat(state.getString("status")).as(e.getKey()).isEqualTo("synced");
            if (creatioByEmail.get(e.getKey()).toString().equals(state.getString("creatio_id"))) {
                links++;
            }
        }
        System.out.printf("FirstSync: %d records on both sides -> %d links, %d creates%n", n, links, creates);
        assertThat(creates).isZero();
        assertThat(links).isEqualTo(n);
        assertThat(sync.find("Lead", "Email", "both7." + marker + "@nia.example")).hasSize(1);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flags(Map<String, Object> configuration) {
        return (Map<String, Object>) configuration.get("flags");
    }

    @Test
    void twoSyncApiProcessesWithTheBrokerBouncedWhileLeadsChangeDeliverEveryChangeOnceAndPublishEachCommandOnce() {
        QuarkusService second = sync.stack.startInstance(ServiceKind.SYNC_API).awaitReady(Duration.ofMinutes(2));
        try {
            List<String> apis = List.of(sync.syncApi, second.baseUrl());
            List<UUID> leads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                leads.add(createLeadAt(apis.get(i % 2), lead(1000 + i)));
            }
            for (UUID id : leads) {
                sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
            }

            sync.stack.kafka().stop();
            try {
                for (int i = 0; i < leads.size(); i++) {
                    sync.editLead(apis.get(i % 2), leads.get(i), Map.of("title", "Bounced " + i));
                }
            } finally {
                sync.stack.kafka().restart();
            }

            for (int i = 0; i < leads.size(); i++) {
                UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, leads.get(i));
                String expected = "Bounced " + i;
                await().atMost(Duration.ofMinutes(3)).until(() -> expected.equals(sync.creatio("Lead", creatioId)
                        .map(r -> r.get("FullJobTitle")).orElse(null)));
                sync.awaitStatus(EntityType.LEAD, leads.get(i), "synced", WITHIN);
            }
            // every command was published once per attempt: one relay and one scheduler took each row
            Map<String, Integer> published = new HashMap<>();
            for (ConsumerRecord<String, String> r : kafka.readAll(Topics.COMMANDS_REALTIME, Duration.ofSeconds(3))) {
                if (leads.stream().anyMatch(id -> ("lead:" + id).equals(r.key()))) {
                    SyncCommand c = Json.readEnvelope(r.value(), SyncCommand.class).payload();
                    published.merge(c.commandId() + "/" + c.attempt(), 1, Integer::sum);
                }
            }
            assertThat(published).hasSizeGreaterThanOrEqualTo(40);
            assertThat(published.values()).containsOnly(1);
            // and every result was applied once: each command has exactly one final sync-log line (a retried attempt
            // logs its own retryable line, e.g. while the gateway's breaker is still open from an earlier test)
            for (UUID id : leads) {
                List<Map<String, Object>> lines = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer())
                        .queryParam("entity_type", "lead").queryParam("local_id", id.toString()).queryParam("size", 100)
                        .when().get("/api/v1/crm/sync/logs/").then().statusCode(200).extract().jsonPath().getList("items");
                Map<String, Integer> finalLines = new HashMap<>();
                lines.stream().filter(l -> !"retryable_failure".equals(l.get("outcome")))
                        .forEach(l -> finalLines.merge(String.valueOf(l.get("command_id")), 1, Integer::sum));
                assertThat(finalLines).as("lead " + id).hasSize(2);
                assertThat(finalLines.values()).as("lead " + id).containsOnly(1);
            }
        } finally {
            sync.stack.stopInstance(second.name());
        }
    }

    private UUID createLeadAt(String api, Map<String, Object> fields) {
        return UUID.fromString(given().baseUri(api).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Json.write(fields)).when().post("/api/v1/leads").then().statusCode(201).extract().path("id"));
    }

}
