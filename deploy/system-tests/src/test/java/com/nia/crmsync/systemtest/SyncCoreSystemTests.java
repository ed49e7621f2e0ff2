package com.nia.crmsync.systemtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.mismatch.MismatchType;

/**
 * Issue 6's acceptance over the whole system: NIA records edited through sync-api reach Creatio
 * (the simulator) through the outbox, Kafka, the worker and the gateway, with the merge, the
 * policies, linking and the failure paths, each observed where it shows: Creatio's rows and
 * request log, the mismatch topic, the records' sync state.
 */
class SyncCoreSystemTests extends SyncSystemTest {

    private static final Duration SYNCED_WITHIN = Duration.ofSeconds(60);

    private Map<String, Object> lead(String first, String last) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", first);
        f.put("last_name", last);
        f.put("email", (first + "." + last + "." + marker + "@nia.example").toLowerCase(java.util.Locale.ROOT));
        f.put("phone", "+44 20 7946 0001");
        f.put("company", "Analytical Engines " + marker);
        f.put("title", "Engineer");
        f.put("status", "qualified");
        f.put("budget", 50000);
        f.put("notes", "met at the Royal Society");
        return f;
    }

    @Test
    void aLeadCreatedInNiaAppearsInCreatioWithEveryMappedFieldAndAnEditPatchesOnlyTheChangedColumns() {
        Map<String, Object> fields = lead("Ada", "Lovelace");
        UUID id = sync.createLead(fields);
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, id);

        Map<String, Object> row = sync.awaitCreatio("Lead", creatioId, SYNCED_WITHIN);
        assertThat(row).containsEntry("Contact", "Ada Lovelace").containsEntry("Email", fields.get("email"))
                .containsEntry("MobilePhone", "+44 20 7946 0001").containsEntry("Account", fields.get("company"))
                .containsEntry("FullJobTitle", "Engineer").containsEntry("Commentary", "met at the Royal Society")
                .containsEntry("QualifyStatusId", DefaultConfiguration.LEAD_STATUS_TO_QUALIFY_STATUS.get("qualified"));
        assertThat(((Number) row.get("Budget")).intValue()).isEqualTo(50000);
        JsonPath state = sync.awaitStatus(EntityType.LEAD, id, "synced", SYNCED_WITHIN);
        assertThat(state.getString("creatio_id")).isEqualTo(creatioId.toString());

        java.time.Instant before = sync.simulatorNow();
        sync.editLead(id, Map.of("phone", "+44 20 7946 0999"));
        await().atMost(SYNCED_WITHIN).until(() -> "+44 20 7946 0999".equals(sync.creatio("Lead", creatioId).orElseThrow().get("MobilePhone")));
        sync.awaitStatus(EntityType.LEAD, id, "synced", SYNCED_WITHIN);

        List<Map<String, Object>> writes = sync.requestsSince(before).stream()
                .filter(r -> List.of("PATCH", "POST", "PUT").contains(r.get("method"))
                        && String.valueOf(r.get("path")).contains(creatioId.toString()))
                .toList();
        assertThat(writes).as("one PATCH of the changed column only").singleElement().satisfies(w -> {
            assertThat(w.get("method")).isEqualTo("PATCH");
            assertThat(w.get("columns")).isEqualTo(List.of("MobilePhone"));
        });
    }

    @Test
    void aContactWhoseNameCreatioSplitsIntoGivenNameAndSurnameDoesNotComeBackAsAChange() {
        UUID id = sync.createContact(Map.of("full_name", "Grace Hopper", "email", "grace." + marker + "@nia.example",
                "phone", "+1 555 0100", "job_title", "Rear Admiral"));
        UUID creatioId = SyncPath.creatioIdOf(EntityType.CONTACT, id);

        Map<String, Object> row = sync.awaitCreatio("Contact", creatioId, SYNCED_WITHIN);
        assertThat(row).containsEntry("Name", "Grace Hopper").containsEntry("JobTitle", "Rear Admiral");
        assertThat(row).containsEntry("GivenName", "Grace").containsEntry("Surname", "Hopper");
        sync.awaitStatus(EntityType.CONTACT, id, "synced", SYNCED_WITHIN);
        long version = sync.contact(id).getLong("version");

        // a sync from Creatio's side finds nothing to bring back: the split columns are not mapped
        sync.editContact(id, Map.of("phone", "+1 555 0199"));
        await().atMost(SYNCED_WITHIN).until(() -> "+1 555 0199".equals(sync.creatio("Contact", creatioId).orElseThrow().get("MobilePhone")));
        JsonPath state = sync.awaitStatus(EntityType.CONTACT, id, "synced", SYNCED_WITHIN);
        assertThat(state.getList("open_fields")).isEmpty();
        assertThat(sync.contact(id).getString("full_name")).isEqualTo("Grace Hopper");
        assertThat(sync.contact(id).getLong("version")).as("only our own edit changed the NIA record").isEqualTo(version + 1);
    }

    @Test
    void theSameFieldEditedInNiaAndInCreatioIsOneMismatchWithThePolicysDecisionAndTheOtherFieldsSync() {
        UUID id = sync.createLead(lead("Charles", "Babbage"));
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, id);
        sync.awaitCreatio("Lead", creatioId, SYNCED_WITHIN);
        sync.awaitStatus(EntityType.LEAD, id, "synced", SYNCED_WITHIN);

        sync.userEdits("Lead", creatioId, Map.of("MobilePhone", "+44 20 0000 1111"));
        sync.editLead(id, Map.of("phone", "+44 20 0000 2222", "title", "Mathematician"));

        List<ConsumerRecord<String, String>> found = kafka.readUntil(Topics.MISMATCHES,
                rs -> rs.stream().anyMatch(r -> r.value().contains(id.toString())), SYNCED_WITHIN);
        List<Mismatch> mismatches = found.stream().filter(r -> r.value().contains(id.toString()))
                .map(r -> Json.readEnvelope(r.value(), Mismatch.class).payload()).toList();
        assertThat(mismatches).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(MismatchType.FIELD_MISMATCH);
            assertThat(m.field()).isEqualTo("MobilePhone");
            assertThat(m.niaValue()).isEqualTo("+44 20 0000 2222");
            assertThat(m.creatioValue()).isEqualTo("+44 20 0000 1111");
            assertThat(m.policy().wire()).isEqualTo("newest_wins");
            assertThat(m.winner()).as("NIA's edit came after Creatio's").isNotNull();
            assertThat(m.reason()).startsWith("newest_wins");
        });
        Mismatch m = mismatches.get(0);
        await().atMost(SYNCED_WITHIN).until(() -> "Mathematician".equals(sync.creatio("Lead", creatioId).orElseThrow().get("FullJobTitle")));
        sync.awaitStatus(EntityType.LEAD, id, "synced", SYNCED_WITHIN);
        assertThat(sync.creatio("Lead", creatioId).orElseThrow().get("MobilePhone")).isEqualTo(m.decidedValue());
        assertThat(sync.lead(id).getString("phone")).isEqualTo(m.decidedValue());
    }

    @Test
    void aCreatioEditOfLeadContactComesBackAsTheDocumentedSplitOrAsAMismatchNeverAGuess() {
        UUID id = sync.createLead(lead("Ada", "Byron"));
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, id);
        sync.awaitCreatio("Lead", creatioId, SYNCED_WITHIN);
        sync.awaitStatus(EntityType.LEAD, id, "synced", SYNCED_WITHIN);

        // keeps the first name: the rest is the new last name (docs: DefaultConfiguration, FieldMapper)
        sync.userEdits("Lead", creatioId, Map.of("Contact", "Ada Lovelace"));
        syncLeadFromCreatio(id);
        await().atMost(SYNCED_WITHIN).until(() -> "Lovelace".equals(sync.lead(id).getString("last_name")));
        assertThat(sync.lead(id).getString("first_name")).isEqualTo("Ada");

        // three words, neither part kept: a mismatch for a person, NIA untouched
        sync.userEdits("Lead", creatioId, Map.of("Contact", "Augusta King Noel"));
        syncLeadFromCreatio(id);
        List<ConsumerRecord<String, String>> found = kafka.readUntil(Topics.MISMATCHES,
                rs -> rs.stream().anyMatch(r -> r.value().contains(id.toString()) && r.value().contains("Augusta King Noel")),
                SYNCED_WITHIN);
        Mismatch m = found.stream().filter(r -> r.value().contains(id.toString()) && r.value().contains("Augusta King Noel"))
                .map(r -> Json.readEnvelope(r.value(), Mismatch.class).payload()).findFirst().orElseThrow();
        assertThat(m.field()).isEqualTo("Contact");
        assertThat(m.leftOpen()).isTrue();
        JsonPath state = sync.awaitStatus(EntityType.LEAD, id, "conflict", SYNCED_WITHIN);
        assertThat(state.getList("open_fields")).containsExactly("Contact");
        assertThat(sync.lead(id).getString("first_name")).isEqualTo("Ada");
        assertThat(sync.lead(id).getString("last_name")).isEqualTo("Lovelace");
    }

    private void syncLeadFromCreatio(UUID id) {
        io.restassured.RestAssured.given().baseUri(sync.syncApi).auth().oauth2(com.nia.crmsync.testkit.TestTokens.operator())
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("lead_id", id.toString(), "direction", "from_creatio"))
                .when().post("/api/v1/crm/sync/sync-lead/").then().statusCode(202);
    }

    @Test
    void twoCreatioContactsWithTheEmailOfOneNiaContactAreOneDuplicateMatchAndNoLink() {
        String email = "twin." + marker + "@nia.example";
        UUID a = sync.userCreates("Contact", Map.of("Name", "Twin One", "Email", email));
        UUID b = sync.userCreates("Contact", Map.of("Name", "Twin Two", "Email", email.toUpperCase(java.util.Locale.ROOT)));

        UUID id = sync.createContact(Map.of("full_name", "Twin", "email", email));

        List<ConsumerRecord<String, String>> found = kafka.readUntil(Topics.MISMATCHES,
                rs -> rs.stream().anyMatch(r -> r.value().contains(id.toString())), SYNCED_WITHIN);
        List<Mismatch> mismatches = found.stream().filter(r -> r.value().contains(id.toString()))
                .map(r -> Json.readEnvelope(r.value(), Mismatch.class).payload()).toList();
        assertThat(mismatches).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(MismatchType.DUPLICATE_MATCH);
            assertThat(m.candidateCreatioIds()).containsExactlyInAnyOrder(a, b);
        });
        JsonPath state = sync.awaitStatus(EntityType.CONTACT, id, "conflict", SYNCED_WITHIN);
        assertThat(state.getString("creatio_id")).isNull();
        assertThat(sync.creatio("Contact", SyncPath.creatioIdOf(EntityType.CONTACT, id))).isEmpty();
        assertThat(sync.find("Contact", "Email", email)).hasSize(2);
    }

    @Test
    void aCommandDeliveredTwiceAndAWorkerKilledBetweenTheWriteAndTheResultMakeOneRecordThatEndsSynced() throws Exception {
        Map<String, Object> fields = lead("Grace", "Murray");
        // Creatio commits the create, then answers 25 s later: the worker is killed inside that window
        sync.fault(Map.of("group", "odata", "entitySet", "Lead", "methods", List.of("POST"), "action", "commit-then-delay",
                "durationMs", 25000, "times", 1));
        UUID id = sync.createLead(fields);
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, id);
        // Creatio has the record (committed) while the worker still waits for the answer: no result yet
        await().atMost(SYNCED_WITHIN).pollInterval(Duration.ofMillis(100)).until(() -> sync.creatio("Lead", creatioId).isPresent());
        assertThat(sync.syncState(EntityType.LEAD, id).orElseThrow().getString("status")).isEqualTo("in_progress");
        QuarkusService worker = sync.stack.instance("sync-worker");
        worker.kill();
        sync.clearFaults();
        worker.start().awaitReady(Duration.ofMinutes(2));

        JsonPath state = sync.awaitStatus(EntityType.LEAD, id, "synced", Duration.ofSeconds(120));
        assertThat(state.getString("creatio_id")).isEqualTo(creatioId.toString());
        assertThat(sync.find("Lead", "Email", (String) fields.get("email"))).hasSize(1);

        // the same command delivered again: still one record, still synced
        ConsumerRecord<String, String> command = kafka.readAll(Topics.COMMANDS_REALTIME, Duration.ofSeconds(2)).stream()
                .filter(r -> ("lead:" + id).equals(r.key())).findFirst().orElseThrow();
        kafka.send(Topics.COMMANDS_REALTIME, command.key(), command.value());
        Thread.sleep(3000);
        assertThat(sync.find("Lead", "Email", (String) fields.get("email"))).hasSize(1);
        assertThat(sync.awaitStatus(EntityType.LEAD, id, "synced", SYNCED_WITHIN).getString("creatio_id"))
                .isEqualTo(creatioId.toString());
    }

    @Test
    void aMappingEditedThroughTheApiIsUsedByTheNextCommandWithoutARestart() {
        UUID id = sync.createLead(lead("Mary", "Somerville"));
        UUID creatioId = SyncPath.creatioIdOf(EntityType.LEAD, id);
        sync.awaitCreatio("Lead", creatioId, SYNCED_WITHIN);
        sync.awaitStatus(EntityType.LEAD, id, "synced", SYNCED_WITHIN);
        long pidBefore = sync.stack.instance("sync-worker").pid();

        // an admin stops syncing notes: the next command no longer writes them
        sync.changeConfiguration(c -> fieldsOf(c, "lead").removeIf(f -> "notes".equals(f.get("nia_field"))));
        try {
            sync.editLead(id, Map.of("notes", "not for Creatio " + marker, "title", "Polymath"));
            await().atMost(SYNCED_WITHIN).until(() -> "Polymath".equals(sync.creatio("Lead", creatioId).orElseThrow().get("FullJobTitle")));
            assertThat(sync.creatio("Lead", creatioId).orElseThrow().get("Commentary")).isEqualTo("met at the Royal Society");
            assertThat(sync.stack.instance("sync-worker").pid()).isEqualTo(pidBefore);
        } finally {
            sync.changeConfiguration(c -> {
                List<Map<String, Object>> fields = fieldsOf(c, "lead");
                if (fields.stream().noneMatch(f -> "notes".equals(f.get("nia_field")))) {
                    Map<String, Object> notes = new LinkedHashMap<>();
                    notes.put("nia_field", "notes");
                    notes.put("creatio_column", "Commentary");
                    notes.put("direction", "both");
                    fields.add(notes);
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fieldsOf(Map<String, Object> configuration, String entityType) {
        return ((List<Map<String, Object>>) configuration.get("entities")).stream()
                .filter(e -> entityType.equals(e.get("entity_type"))).map(e -> (List<Map<String, Object>>) e.get("fields"))
                .findFirst().orElseThrow();
    }
}
