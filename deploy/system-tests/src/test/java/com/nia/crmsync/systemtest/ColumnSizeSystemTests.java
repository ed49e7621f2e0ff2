package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 16's column sizes over the whole system: Creatio's text columns have sizes ({@code MaxLength}
 * in the simulator's {@code $metadata}), and before any write the worker applies each field's
 * overflow rule — a meeting title longer than {@code Activity.Title} (500) is truncated with an
 * ellipsis and the sync log says so; a lead email longer than {@code Lead.Email} (250) is
 * {@code validation_failed} naming the column and its size, and nothing reaches the simulator. With
 * the rule switched off ({@code pass}) the simulator refuses both, as Creatio's database does.
 *
 * <p>The configuration's keys are read in either spelling (camelCase or snake_case), so the test
 * holds whichever way the configuration document is written.
 */
class ColumnSizeSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    private static Map<String, Object> saved;

    private final String syncApi = sync.stack.service(ServiceKind.SYNC_API).baseUrl();

    /** A default owner for meetings (the simulator's Supervisor), so a meeting never waits for one. */
    @BeforeAll
    static void aDefaultOwner() {
        new SyncPath(SystemStack.get()).changeConfiguration(c -> {
            saved = copy(c);
            Map<String, Object> meetings = MeetingSystemTests.meetings(c);
            meetings.put("default_owner_contact_id", MeetingSystemTests.DEFAULT_OWNER.toString());
        });
    }

    @AfterAll
    static void configurationBack() {
        if (saved != null) {
            new SyncPath(SystemStack.get()).changeConfiguration(c -> {
                c.clear();
                c.putAll(saved);
            });
        }
    }

    @Test
    void anOverLongMeetingTitleIsTruncatedInCreatioWithAnEllipsisAndASyncLogLineSayingSo() {
        String meetingKey = "columns-truncate-" + marker;
        String title = "Quarterly review " + "x".repeat(800);

        UUID meeting = postMeeting(meetingKey, title);

        JsonPath state = sync.awaitStatus(EntityType.MEETING, meeting, "synced", WITHIN);
        Map<String, Object> activity = sync.creatio("Activity", UUID.fromString(state.getString("creatio_id"))).orElseThrow();
        String stored = String.valueOf(activity.get("Title"));
        assertThat(stored).hasSize(500).startsWith("Quarterly review xxx").endsWith("\u2026");
        assertThat(syncLogNotes(meeting)).contains("Activity.Title truncated from " + title.length()
                + " to 500 characters (column size 500, overflow rule truncate)");
    }

    @Test
    void anOverLongLeadEmailIsValidationFailedNamingTheColumnAndItsSizeAndNothingReachesTheSimulator() {
        Instant since = sync.simulatorNow();
        String email = longEmail("reject");

        UUID lead = sync.createLead(Map.of("last_name", "Reject " + marker, "email", email, "company", "Long Mail " + marker));

        JsonPath state = sync.awaitStatus(EntityType.LEAD, lead, "failed", WITHIN);
        assertThat(state.getString("last_error")).contains("Lead.Email", "at most 250 characters", email.length() + " given");
        assertThat(writesSince(since, "Lead")).isEmpty();
        assertThat(sync.creatio("Lead", SyncPath.creatioIdOf(EntityType.LEAD, lead))).isEmpty();
    }

    @Test
    void withTheRuleSwitchedOffTheSimulatorRefusesTheTitleAndTheEmail() {
        withConfiguration(c -> {
            overflow(c, "meeting", "Title", "pass");
            overflow(c, "lead", "Email", "pass");
        }, () -> {
            Instant since = sync.simulatorNow();
            UUID meeting = postMeeting("columns-pass-" + marker, "Quarterly review " + "x".repeat(800));
            UUID lead = sync.createLead(Map.of("last_name", "Pass " + marker, "email", longEmail("pass"),
                    "company", "Long Mail " + marker));

            // the error as sync-api keeps it: its redaction masks the quoted table and column names
            assertThat(sync.awaitStatus(EntityType.MEETING, meeting, "failed", WITHIN).getString("last_error"))
                    .contains("CREATIO_REJECTED", "would be truncated in table", "The column holds 500 characters");
            assertThat(sync.awaitStatus(EntityType.LEAD, lead, "failed", WITHIN).getString("last_error"))
                    .contains("CREATIO_REJECTED", "would be truncated in table", "The column holds 250 characters");
            // the values reached the simulator, which refused them (500, once: not retried); nothing stored
            assertThat(writesSince(since, "Activity")).singleElement().satisfies(r -> {
                assertThat(r.get("status")).isEqualTo(500);
                assertThat(String.valueOf(r.get("columns"))).contains("Title");
            });
            assertThat(writesSince(since, "Lead")).singleElement().satisfies(r -> {
                assertThat(r.get("status")).isEqualTo(500);
                assertThat(String.valueOf(r.get("columns"))).contains("Email");
            });
            assertThat(sync.creatio("Lead", SyncPath.creatioIdOf(EntityType.LEAD, lead))).isEmpty();
        });
    }

    // ---- helpers

    /** Posts a meeting without participants through the seed's path; its NIA id. */
    private UUID postMeeting(String meetingKey, String title) {
        Instant started = Instant.now().minus(Duration.ofHours(2));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting_id", meetingKey);
        data.put("title", title);
        data.put("started_at", started.toString());
        data.put("ended_at", started.plus(Duration.ofMinutes(30)).toString());
        data.put("organizer", Map.of("name", "Olga Organizer", "email", "olga." + marker + "@nia.example"));
        data.put("participants", List.of());
        given().baseUri(syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Json.write(Map.of("meeting_data", data))).when().post("/api/v1/crm/sync/create-activity/")
                .then().statusCode(201);
        return Ids.localIdFor(EntityType.MEETING, meetingKey);
    }

    /** A valid address of 253 characters: within NIA's bound (254), longer than Creatio's {@code Email} (250). */
    private String longEmail(String tag) {
        String local = (tag + marker + "a".repeat(64)).substring(0, 58);
        return local + "@" + "d".repeat(60) + "." + "e".repeat(60) + "." + "f".repeat(60) + ".example.org";
    }

    @SuppressWarnings("unchecked")
    private List<String> syncLogNotes(UUID localId) {
        List<Map<String, Object>> lines = given().baseUri(syncApi).auth().oauth2(TestTokens.viewer())
                .queryParam("local_id", localId.toString()).queryParam("size", 100).when().get("/api/v1/crm/sync/logs/")
                .then().statusCode(200).extract().jsonPath().getList("items");
        return lines.stream().map(l -> (Map<String, Object>) l.get("summary"))
                .filter(s -> s != null && s.get("notes") != null)
                .flatMap(s -> ((List<String>) s.get("notes")).stream()).toList();
    }

    /** The simulator's write requests (top-level or inside a batch) on {@code set} since {@code since}. */
    private List<Map<String, Object>> writesSince(Instant since, String set) {
        return sync.requestsSince(since).stream()
                .filter(r -> List.of("POST", "PATCH", "MERGE").contains(String.valueOf(r.get("method"))))
                .filter(r -> {
                    String path = String.valueOf(r.get("path"));
                    return path.endsWith("/" + set) || path.contains("/" + set + "(") || path.contains("$batch:" + set);
                })
                .toList();
    }

    private void withConfiguration(Consumer<Map<String, Object>> change, Runnable test) {
        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> before = new java.util.concurrent.atomic.AtomicReference<>();
        sync.changeConfiguration(c -> {
            before.set(copy(c));
            change.accept(c);
        });
        try {
            test.run();
        } finally {
            sync.changeConfiguration(c -> {
                c.clear();
                c.putAll(before.get());
            });
        }
    }

    /** Sets the overflow rule of the field mapped to {@code column} in the mapping of {@code entityType}. */
    @SuppressWarnings("unchecked")
    private static void overflow(Map<String, Object> configuration, String entityType, String column, String rule) {
        List<Map<String, Object>> entities = (List<Map<String, Object>>) configuration.get("entities");
        Map<String, Object> mapping = entities.stream()
                .filter(e -> entityType.equals(e.get("entity_type"))).findFirst().orElseThrow();
        Map<String, Object> field = ((List<Map<String, Object>>) mapping.get("fields")).stream()
                .filter(f -> column.equals(f.get("creatio_column"))).findFirst().orElseThrow();
        field.put("overflow", rule);
    }

    /** A deep copy, to put back later. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> copy(Map<String, Object> configuration) {
        try {
            return Json.mapper().readValue(Json.write(configuration), Map.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
