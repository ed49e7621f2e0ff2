package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 7's acceptance for Kafka-driven resyncs and dry runs: a resync request published as raw
 * JSON (what {@code kcat} sends) becomes the expected commands and a completed run; a dry run's plan
 * is, record by record, what the real run then does, and writes nothing on either side.
 */
class ResyncSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    private Map<String, Object> lead(String first, String last) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", first);
        f.put("last_name", last);
        f.put("email", (first + "." + last + "." + marker + "@nia.example").toLowerCase(java.util.Locale.ROOT));
        f.put("company", "Resync " + marker);
        f.put("title", "Engineer");
        f.put("status", "qualified");
        f.put("budget", 10000);
        return f;
    }

    /** Publishes a resync request as raw JSON, keyed by its request id; the id of the run it becomes. */
    private UUID publishResync(List<UUID> ids, boolean force, boolean dryRun) {
        UUID eventId = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        StringBuilder idList = new StringBuilder();
        for (UUID id : ids) {
            idList.append(idList.length() == 0 ? "" : ",").append('"').append(id).append('"');
        }
        String json = "{\"eventId\":\"" + eventId + "\",\"type\":\"crm.sync.resync.requested\",\"schemaVersion\":1,"
                + "\"aggregateId\":\"" + requestId + "\",\"correlationId\":\"" + eventId + "\",\"occurredAt\":\"" + Instant.now() + "\","
                + "\"payload\":{\"requestId\":\"" + requestId + "\",\"scope\":\"ids\",\"entityTypes\":[\"lead\"],\"ids\":[" + idList + "],"
                + "\"force\":" + force + ",\"dryRun\":" + dryRun + ",\"requestedBy\":\"system-test/" + marker + "\"}}";
        kafka.send(Topics.SYNC_REQUESTS, requestId.toString(), json);
        return Ids.resyncRunId(eventId);
    }

    private JsonPath awaitRun(UUID runId) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
            var r = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId);
            return r.statusCode() == 200 && "completed".equals(r.jsonPath().getString("status"));
        });
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + runId)
                .then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aResyncRequestPublishedAsRawJsonBecomesOneCommandPerRecordAndACompletedRun() {
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID id = sync.createLead(lead("Resync", "Raw" + i));
            sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
            leads.add(id);
        }

        UUID runId = publishResync(leads, true, false);

        List<ConsumerRecord<String, String>> commands = kafka.readUntil(Topics.COMMANDS_BULK,
                rs -> rs.stream().filter(r -> r.value().contains(runId.toString())).count() >= 3, WITHIN);
        Set<String> commanded = new HashSet<>();
        for (ConsumerRecord<String, String> c : commands) {
            if (c.value().contains(runId.toString())) {
                leads.stream().filter(id -> c.value().contains(id.toString())).forEach(id -> commanded.add(id.toString()));
            }
        }
        assertThat(commanded).as("one bulk command for each record the request names").hasSize(3);
        JsonPath run = awaitRun(runId);
        assertThat(run.getString("kind")).isEqualTo("resync");
        assertThat(run.getString("requested_by")).isEqualTo("system-test/" + marker);
        assertThat(run.getInt("total")).isEqualTo(3);
        for (UUID id : leads) {
            assertThat(sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN).getString("run_id")).isEqualTo(runId.toString());
        }
    }

    @Test
    void aDryRunReportsRecordByRecordWhatTheRealRunThenDoesAndWritesNothingBefore() {
        // linked and synced first: b is edited in NIA, c left alone, e's budget edited on both sides, g edited in Creatio
        UUID b = sync.createLead(lead("Dry", "Update"));
        UUID c = sync.createLead(lead("Dry", "Unchanged"));
        UUID e = sync.createLead(lead("Dry", "Conflict"));
        UUID g = sync.createLead(lead("Dry", "Pulled"));
        for (UUID id : List.of(b, c, e, g)) {
            sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
        }
        String dEmail = "dry.link." + marker + "@nia.example";
        // the same budget on both sides: the field under the manual policy must not make the link a conflict
        sync.userCreates("Lead", Map.of("Contact", "Dry Link", "Email", dEmail, "Account", "Resync " + marker, "Budget", 10000,
                "FullJobTitle", "Engineer"));
        sync.userEdits("Lead", SyncPath.creatioIdOf(EntityType.LEAD, e), Map.of("Budget", 70000));
        sync.userEdits("Lead", SyncPath.creatioIdOf(EntityType.LEAD, g), Map.of("FullJobTitle", "Architect"));
        // NIA's changes while pushing is off, so that only the runs carry them
        sync.changeConfiguration(cfg -> flags(cfg).put("push_enabled", false));
        UUID a1;
        UUID a2;
        UUID d;
        try {
            a1 = sync.createLead(lead("Dry", "NewOne"));
            a2 = sync.createLead(lead("Dry", "NewTwo"));
            Map<String, Object> link = lead("Dry", "Link");
            link.put("email", dEmail);
            d = sync.createLead(link);
            sync.editLead(b, Map.of("title", "Principal Engineer"));
            sync.editLead(e, Map.of("budget", 60000));
        } finally {
            sync.changeConfiguration(cfg -> flags(cfg).put("push_enabled", true));
        }
        List<UUID> ids = List.of(a1, a2, b, c, d, e, g);
        Map<UUID, Long> versions = new LinkedHashMap<>();
        Map<UUID, String> states = new LinkedHashMap<>();
        for (UUID id : ids) {
            versions.put(id, sync.lead(id).getLong("version"));
            states.put(id, sync.syncState(EntityType.LEAD, id).map(s -> s.getString("status") + "/" + s.getString("creatio_hash")
                    + "/" + s.getString("last_synced_at")).orElse("none"));
        }
        Instant beforeDryRun = sync.simulatorNow();

        UUID dryRun = publishResync(ids, true, true);
        awaitRun(dryRun);
        List<Map<String, Object>> plan = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).queryParam("size", 100)
                .when().get("/api/v1/crm/sync/runs/" + dryRun + "/plan").then().statusCode(200).extract().jsonPath().getList("items");

        // nothing written anywhere
        assertThat(sync.requestsSince(beforeDryRun).stream().filter(PullSystemTests::isWrite)).as("no Creatio write").isEmpty();
        for (UUID id : ids) {
            assertThat(sync.lead(id).getLong("version")).as("NIA record untouched").isEqualTo(versions.get(id));
            assertThat(sync.syncState(EntityType.LEAD, id).map(s -> s.getString("status") + "/" + s.getString("creatio_hash")
                    + "/" + s.getString("last_synced_at")).orElse("none")).as("sync state untouched").isEqualTo(states.get(id));
        }
        assertThat(sync.find("Lead", "Email", lead("Dry", "NewOne").get("email").toString())).as("not created by the dry run").isEmpty();
        Map<UUID, Map<String, Object>> planned = new LinkedHashMap<>();
        for (Map<String, Object> line : plan) {
            planned.put(UUID.fromString(String.valueOf(line.get("local_id"))), line);
        }
        assertThat(planned.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        System.out.printf("DryRun: %s%n", plan);

        UUID real = publishResync(ids, true, false);
        awaitRun(real);
        for (UUID id : ids) {
            await().atMost(WITHIN).until(() -> sync.syncState(EntityType.LEAD, id)
                    .map(s -> s.get("pending_command_id") == null).orElse(false));
        }
        List<Map<String, Object>> log = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).queryParam("run_id", real)
                .queryParam("size", 100).when().get("/api/v1/crm/sync/logs/").then().statusCode(200).extract().jsonPath().getList("items");
        Map<UUID, Map<String, Object>> done = new LinkedHashMap<>();
        for (Map<String, Object> entry : log) {
            // newest first: a record's last entry of the run is what the run did
            done.putIfAbsent(UUID.fromString(String.valueOf(entry.get("local_id"))), entry);
        }
        assertThat(done.keySet()).containsExactlyInAnyOrderElementsOf(ids);

        Set<String> actions = new HashSet<>();
        for (UUID id : ids) {
            Map<String, Object> line = planned.get(id);
            Map<String, Object> entry = done.get(id);
            assertThat(entry.get("operation")).as("the real run's action on " + id).isEqualTo(line.get("action"));
            assertThat(realChanges(entry)).as("the fields written, and on which side, for " + id).isEqualTo(plannedChanges(line));
            actions.add(String.valueOf(line.get("action")));
            UUID creatioId = UUID.fromString(String.valueOf(sync.syncState(EntityType.LEAD, id).orElseThrow().getString("creatio_id")));
            Map<String, Object> row = sync.creatio("Lead", creatioId).orElseThrow();
            plannedCreatioValues(line).forEach((column, value) -> assertThat(canonical(row.get(column)))
                    .as("Creatio's " + column + " of " + id + " is what the plan said").isEqualTo(canonical(value)));
        }
        assertThat(actions).as("the runs covered every kind of change").contains("create", "update", "link", "no_op", "conflict");
        assertThat(planned.get(a1).get("action")).isEqualTo("create");
        assertThat(planned.get(c).get("action")).isEqualTo("no_op");
        assertThat(planned.get(d).get("action")).isEqualTo("link");
        assertThat(planned.get(e).get("action")).isEqualTo("conflict");
    }

    private static Object canonical(Object value) {
        Object v = CanonicalValues.canonical(value);
        return v == null ? null : CanonicalValues.asText(v);
    }

    /** {@code column:side} of every change in a plan line. */
    @SuppressWarnings("unchecked")
    private static Set<String> plannedChanges(Map<String, Object> line) {
        Set<String> out = new HashSet<>();
        Map<String, Object> changes = (Map<String, Object>) line.getOrDefault("changes", Map.of());
        for (Object diff : changes.values()) {
            Map<String, Object> d = (Map<String, Object>) diff;
            for (String side : List.of("nia", "creatio")) {
                if (d.containsKey(side)) {
                    out.add(d.get("column") + ":" + side);
                }
            }
        }
        return out;
    }

    /** Column → the value a plan line says Creatio will hold (a lookup's id, which the line shows as {@code {id, name}}). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> plannedCreatioValues(Map<String, Object> line) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> changes = (Map<String, Object>) line.getOrDefault("changes", Map.of());
        for (Object diff : changes.values()) {
            Map<String, Object> d = (Map<String, Object>) diff;
            if (d.get("creatio") instanceof Map<?, ?> side) {
                Object to = side.get("to");
                out.put(String.valueOf(d.get("column")), to instanceof Map<?, ?> lookup ? lookup.get("id") : to);
            }
        }
        return out;
    }

    /** {@code column:side} of every change a sync-log entry records. */
    @SuppressWarnings("unchecked")
    private static Set<String> realChanges(Map<String, Object> entry) {
        Set<String> out = new HashSet<>();
        Map<String, Object> summary = (Map<String, Object>) entry.getOrDefault("summary", Map.of());
        for (Object change : (List<Object>) summary.getOrDefault("changes", List.of())) {
            Map<String, Object> c = (Map<String, Object>) change;
            out.add(c.get("field") + ":" + c.get("target"));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> flags(Map<String, Object> configuration) {
        return (Map<String, Object>) configuration.get("flags");
    }
}
