package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 9's activities both ways: meetings and tasks are synced entities, so a task completed or
 * re-dated in Creatio shows in NIA after one pull of the {@code Activity} set, and activities a
 * salesperson creates in Creatio for a synced lead appear in NIA (a task, or a meeting by its
 * category) while one for nothing NIA syncs stays out; nothing is written back for any of it.
 */
class ActivitySystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    private static Map<String, Object> savedMeetings;

    private final CreatioOData creatio = new CreatioOData(sync.stack);

    @BeforeAll
    static void aDefaultOwner() {
        new SyncPath(SystemStack.get()).changeConfiguration(c -> {
            Map<String, Object> meetings = MeetingSystemTests.meetings(c);
            savedMeetings = new LinkedHashMap<>(meetings);
            meetings.put("default_owner_contact_id", MeetingSystemTests.DEFAULT_OWNER.toString());
        });
    }

    @AfterAll
    static void configurationBack() {
        if (savedMeetings != null) {
            new SyncPath(SystemStack.get()).changeConfiguration(c -> c.put("meetings", savedMeetings));
        }
    }

    private List<Map<String, Object>> niaTasks(UUID lead) {
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).queryParam("lead_id", lead.toString())
                .when().get("/api/v1/crm/tasks/").then().statusCode(200).extract().jsonPath().getList("items");
    }

    private List<Map<String, Object>> niaMeetings(UUID lead, String origin) {
        return given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).queryParam("lead_id", lead.toString())
                .queryParam("origin", origin).when().get("/api/v1/crm/meetings/").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> syncOf(Map<String, Object> item) {
        return (Map<String, Object>) item.get("sync");
    }

    private static Map<String, Object> byTitle(List<Map<String, Object>> items, String title) {
        return items.stream().filter(t -> title.equals(t.get("title"))).findFirst().orElse(null);
    }

    @Test
    void aTaskCompletedOrReDatedInCreatioAndActivitiesCreatedThereForASyncedLeadShowInNiaAfterOnePull() {
        String company = "Activities " + marker;
        UUID lead = sync.createLead(Map.of("first_name", "Ida", "last_name", "Activity" + marker,
                "email", ("ida.activity." + marker + "@prospect.example").toLowerCase(Locale.ROOT), "company", company,
                "status", "new"));
        UUID leadCreatio = UUID.fromString(sync.awaitStatus(EntityType.LEAD, lead, "synced", WITHIN).getString("creatio_id"));
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("meeting_id", "activities-" + marker);
        data.put("title", "Discovery " + marker);
        data.put("started_at", started.toString());
        data.put("ended_at", started.plus(Duration.ofMinutes(30)).toString());
        data.put("organizer", Map.of("name", "Otto Organizer", "email", "otto.organizer@nia.example"));
        data.put("lead_id", lead.toString());
        data.put("summary", "They want a pilot");
        LocalDate due = LocalDate.now(ZoneOffset.UTC).plusDays(5);
        data.put("action_items", List.of(
                Map.of("action_item_id", "a1", "title", "Send the pilot plan", "due_date", due.toString()),
                Map.of("action_item_id", "a2", "title", "Book the kickoff", "due_date", due.toString())));
        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Json.write(Map.of("meeting_data", data))).when().post("/api/v1/crm/sync/create-activity/")
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(201),
                        org.hamcrest.Matchers.is(202)));
        await("both tasks in Creatio").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> niaTasks(lead).stream()
                .filter(t -> syncOf(t) != null && "synced".equals(syncOf(t).get("status"))).count() == 2);
        UUID plan = UUID.fromString(String.valueOf(syncOf(byTitle(niaTasks(lead), "Send the pilot plan")).get("creatio_id")));
        UUID kickoff = UUID.fromString(String.valueOf(syncOf(byTitle(niaTasks(lead), "Book the kickoff")).get("creatio_id")));
        Instant since = sync.simulatorNow().minusSeconds(1);

        // the salesperson in Creatio: one task done, one moved, a new task and a meeting on the lead, one on nobody NIA knows
        Instant moved = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(12)).plusSeconds(1234);
        sync.userEdits("Activity", plan, Map.of("StatusId", DefaultConfiguration.ACTIVITY_STATUS.get("completed")));
        sync.userEdits("Activity", kickoff, Map.of("DueDate", moved.toString()));
        UUID todo = creatio.lookup("ActivityCategory", "To do");
        UUID meetingCategory = creatio.lookup("ActivityCategory", "Meeting");
        Map<String, Object> task = activity("Send the contract " + marker, todo, leadCreatio);
        sync.userCreates("Activity", task);
        sync.userCreates("Activity", activity("Site visit " + marker, meetingCategory, leadCreatio));
        Map<String, Object> stranger = activity("Someone else's call " + marker, todo, null);
        sync.userCreates("Activity", stranger);

        Instant pulled = sync.simulatorNow();
        Map<String, Object> cycle = sync.pullCycle(EntityType.TASK, since, WITHIN);
        System.out.printf("ActivityPull: %s%n", cycle);

        await("completed and re-dated in NIA").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            List<Map<String, Object>> tasks = niaTasks(lead);
            Map<String, Object> p = byTitle(tasks, "Send the pilot plan");
            Map<String, Object> k = byTitle(tasks, "Book the kickoff");
            return p != null && "completed".equals(p.get("status")) && k != null && k.get("due_at") != null
                    && Instant.parse(String.valueOf(k.get("due_at"))).equals(moved);
        });
        await("the Creatio-created task in NIA").atMost(WITHIN).until(() -> byTitle(niaTasks(lead), "Send the contract " + marker) != null);
        Map<String, Object> created = byTitle(niaTasks(lead), "Send the contract " + marker);
        assertThat(created).containsEntry("origin", "creatio").containsEntry("status", "not_started");
        await("the Creatio-created meeting in NIA").atMost(WITHIN).until(() -> niaMeetings(lead, "creatio").size() == 1);
        assertThat(niaMeetings(lead, "creatio").get(0)).containsEntry("title", "Site visit " + marker);
        assertThat(given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).queryParam("origin", "creatio").when()
                .get("/api/v1/crm/tasks/").then().statusCode(200).extract().jsonPath().getList("items.title"))
                .as("an activity of nothing NIA syncs stays in Creatio").doesNotContain("Someone else's call " + marker);
        await("settled").atMost(WITHIN).until(() -> niaTasks(lead).stream().allMatch(t -> syncOf(t) != null
                && "synced".equals(syncOf(t).get("status"))));
        List<Map<String, Object>> writes = sync.requestsSince(pulled).stream().filter(PullSystemTests::isWrite).toList();
        assertThat(writes).as("what came from Creatio is not written back").isEmpty();
    }

    private static Map<String, Object> activity(String title, UUID category, UUID leadCreatio) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(3));
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("Title", title);
        a.put("StartDate", start.toString());
        a.put("DueDate", start.plus(Duration.ofHours(1)).toString());
        a.put("OwnerId", MeetingSystemTests.DEFAULT_OWNER.toString());
        a.put("ActivityCategoryId", category.toString());
        a.put("StatusId", DefaultConfiguration.ACTIVITY_STATUS.get("not_started"));
        a.put("PriorityId", DefaultConfiguration.ACTIVITY_PRIORITY.get("medium"));
        if (leadCreatio != null) {
            a.put("LeadId", leadCreatio.toString());
        }
        return a;
    }
}
