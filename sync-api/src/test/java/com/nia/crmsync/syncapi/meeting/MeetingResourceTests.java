package com.nia.crmsync.syncapi.meeting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.testkit.TestTokens;

/**
 * The seed's HTTP equivalents: {@code create-activity} with the seed's {@code meeting_data} (wrapped
 * or bare) through the same intake as the topic, {@code update-lead-from-meeting} with the lead rules
 * only; 400 naming the field, 404 for an unknown lead, 401/403 by role, and audited.
 */
@QuarkusTest
@SyncApiInfrastructure
class MeetingResourceTests {

    @Inject
    MeetingFixtures fixtures;

    @AfterEach
    void defaultConfiguration() {
        fixtures.restoreConfiguration();
    }

    static String meetingData(String u, UUID leadId, long revision, String title) {
        return "{\"meeting_id\":\"http-" + u + "\",\"revision\":" + revision + ",\"title\":\"" + title + "\","
                + "\"started_at\":\"2026-11-21T14:00:00Z\",\"ended_at\":\"2026-11-21T15:00:00Z\","
                + "\"organizer\":{\"name\":\"Sam Seller\",\"email\":\"sam-" + u + "@nia.example\"},"
                + "\"participants\":[{\"name\":\"Sam's colleague\",\"email\":\"kim-" + u + "@nia.example\",\"company\":\"NIA\"},"
                + "{\"name\":\"Lea Lead\",\"email\":\"lea-" + u + "@client.example\",\"company\":\"Client\",\"job_title\":\"CTO\",\"internal\":false}],"
                + (leadId == null ? "" : "\"lead_id\":\"" + leadId + "\",")
                + "\"summary\":\"Good demo.\",\"meeting_type\":\"demo\","
                + "\"qualification_insights\":{\"budget_discussed\":true,\"decision_maker_identified\":true},"
                + "\"estimated_budget\":50000,\"currency\":\"EUR\","
                + "\"action_items\":[{\"action_item_id\":\"ai-1\",\"title\":\"Send the offer\",\"owner_email\":\"sam-" + u
                + "@nia.example\",\"due_date\":\"2026-12-01\",\"priority\":\"High\"}],"
                + "\"competitor_mentions\":[{\"mention_id\":\"c-1\",\"competitor\":\"Salesforce\",\"context\":\"too pricey\",\"sentiment\":\"Negative\"}]}";
    }

    @Test
    void createsTheMeetingFromTheSeedsMeetingDataWrappedOrBareOnce() {
        String u = MeetingFixtures.unique();
        UUID lead = fixtures.lead("Lea", "Lead", "lea-" + u + "@client.example", "Client", "nurturing");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"meeting_data\":" + meetingData(u, null, 1, "Demo") + "}")
                .when().post("/api/v1/crm/sync/create-activity/")
                .then().statusCode(201)
                .body("meeting_id", equalTo(MeetingService.meetingIdFor("http-" + u).toString()))
                .body("outcome", equalTo("created")).body("lead_id", equalTo(lead.toString()))
                .body("participants.match_rule", hasItems("internal", "email_lead"))
                .body("tasks.added", equalTo(1)).body("mentions.added", equalTo(1))
                .body("lead_changes.status", equalTo("qualified"))
                .body("planned.entity_type", hasItems("meeting", "task", "lead"));
        assertThat(fixtures.value("SELECT priority FROM meeting_task WHERE id = ?1", MeetingService.taskIdFor("http-" + u, "ai-1")))
                .isEqualTo("high");
        assertThat(fixtures.value("SELECT sentiment FROM competitor_mention WHERE meeting_id = ?1",
                MeetingService.meetingIdFor("http-" + u))).isEqualTo("negative");
        assertThat(fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'meeting.create-activity' AND target = ?1",
                "meeting/" + MeetingService.meetingIdFor("http-" + u))).isEqualTo(1);

        // the same meeting bare, same revision: nothing changes
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(meetingData(u, null, 1, "Demo"))
                .when().post("/api/v1/crm/sync/create-activity/")
                .then().statusCode(200).body("outcome", equalTo("unchanged")).body("tasks.added", equalTo(0));
        assertThat(fixtures.leadRow(lead).version).isEqualTo(1);
        // a higher revision updates it
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(meetingData(u, lead, 2, "Demo, corrected"))
                .when().post("/api/v1/crm/sync/create-activity/")
                .then().statusCode(200).body("outcome", equalTo("updated")).body("revision", equalTo(2));
        assertThat(fixtures.value("SELECT title FROM meeting WHERE meeting_key = ?1", "http-" + u)).isEqualTo("Demo, corrected");
    }

    @Test
    void answers400NamingEachFieldAtFault() {
        String u = MeetingFixtures.unique();
        String bad = meetingData(u, null, 1, "Demo").replace("\"title\":\"Demo\",", "")
                .replace("\"sentiment\":\"Negative\"", "\"sentiment\":\"angry\"")
                .replace("\"owner_email\":\"sam-" + u + "@nia.example\"", "\"owner_email\":\"not-an-email\"");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"meeting_data\":" + bad + "}")
                .when().post("/api/v1/crm/sync/create-activity/")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("/meeting_data/title", "/meeting_data/competitor_mentions/0/sentiment",
                        "/meeting_data/action_items/0/owner_email"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(meetingData(u, null, 1, "Demo").replace("\"2026-11-21T14:00:00Z\"", "\"yesterday\""))
                .when().post("/api/v1/crm/sync/create-activity/")
                .then().statusCode(400).body("errors.field", hasItem("/started_at"));
        assertThat(fixtures.count("SELECT count(*) FROM meeting WHERE meeting_key = ?1", "http-" + u)).isZero();

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"meeting_data\":{\"estimated_budget\":-1}}")
                .when().post("/api/v1/crm/sync/update-lead-from-meeting/")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("/lead_id", "/meeting_data/estimated_budget"));
    }

    @Test
    void anOverLongTitleOrSummaryIsAProblemNamingTheFieldAndNothingIsWritten() {
        String u = MeetingFixtures.unique();
        String data = meetingData(u, null, 1, "t".repeat(500_000)).replace("\"summary\":\"Good demo.\"",
                "\"summary\":\"" + "s".repeat(100_001) + "\"");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"meeting_data\":" + data + "}")
                .when().post("/api/v1/crm/sync/create-activity/")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("/meeting_data/title", "/meeting_data/summary"))
                .body("errors.message", hasItems("must be at most 1000 characters", "must be at most 100000 characters"));
        assertThat(fixtures.count("SELECT count(*) FROM meeting WHERE meeting_key = ?1", "http-" + u)).isZero();
    }

    @Test
    void updatesOnlyTheLeadFromTheSeedsCallAndAgainChangesNothing() {
        String u = MeetingFixtures.unique();
        UUID lead = fixtures.lead("Lea", "Lead", "lea-" + u + "@client.example", "Client", "new");
        String body = "{\"lead_id\":\"" + lead + "\",\"meeting_data\":{\"qualification_insights\":{\"budget_discussed\":true,"
                + "\"decision_maker_identified\":true},\"meeting_type\":\"demo\",\"estimated_budget\":50000}}";
        double budget = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/crm/sync/update-lead-from-meeting/")
                .then().statusCode(200).body("lead_id", equalTo(lead.toString()))
                .body("changed.status", equalTo("qualified"))
                .body("changed.meeting_type", equalTo("demo")).body("changed.budget_discussed", equalTo(true))
                .body("changed", not(hasKey("notes"))).body("lead.status", equalTo("qualified"))
                .extract().jsonPath().getDouble("changed.budget");
        assertThat(budget).isEqualTo(50000.0);
        Lead after = fixtures.leadRow(lead);
        assertThat(after.version).isEqualTo(1);
        assertThat(after.budget).isEqualByComparingTo("50000");
        assertThat(fixtures.count("SELECT count(*) FROM creatio_sync WHERE entity_type = 'lead' AND local_id = ?1", lead)).isEqualTo(1);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/crm/sync/update-lead-from-meeting/")
                .then().statusCode(200).body("changed.size()", equalTo(0));
        assertThat(fixtures.leadRow(lead).version).isEqualTo(1);

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(body.replace(lead.toString(), UUID.randomUUID().toString()))
                .when().post("/api/v1/crm/sync/update-lead-from-meeting/")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesAnonymousCallersAndViewers() {
        for (String path : new String[] {"/api/v1/crm/sync/create-activity/", "/api/v1/crm/sync/update-lead-from-meeting/"}) {
            given().contentType(ContentType.JSON).body("{}").when().post(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{}").when().post(path).then().statusCode(403);
            given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{}").when().post(path).then().statusCode(400);
        }
    }
}
