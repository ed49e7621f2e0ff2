package com.nia.crmsync.syncapi.meeting;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.testkit.TestTokens;

/**
 * {@code GET /api/v1/crm/competitors/} over mentions written by the intake: the list and each
 * grouping (competitor, lead, day, week, month), each filter, paging, a bad parameter named, and
 * the roles (every person's role reads, anonymous is refused).
 */
@QuarkusTest
@SyncApiInfrastructure
class CompetitorResourceTests {

    /** A Monday and the first of a month, far from the other tests' meetings. */
    static final Instant D = Instant.parse("2035-01-01T10:00:00Z");
    static final String WINDOW = "&since=2035-01-01&until=2035-03-01";

    @Inject
    MeetingService meetings;

    @Inject
    MeetingFixtures fixtures;

    String u;
    String salesforce;
    String hubspot;
    String pipedrive;
    UUID lead1;
    UUID lead2;

    @BeforeEach
    void mentions() {
        u = MeetingFixtures.unique();
        salesforce = "salesforce-" + u;
        hubspot = "hubspot-" + u;
        pipedrive = "pipedrive-" + u;
        lead1 = fixtures.lead("Ann", "One", "ann-" + u + "@client.example", "Client " + u, "qualified");
        lead2 = fixtures.lead("Bob", "Two", "bob-" + u + "@client.example", "Client " + u, "qualified");
        meeting("a", lead1, D, mention("Salesforce-" + u, MeetingEnded.Sentiment.NEGATIVE), mention("HubSpot-" + u, MeetingEnded.Sentiment.NEUTRAL));
        meeting("b", lead1, D.plusSeconds(86_400), mention(" salesforce-" + u + " ", MeetingEnded.Sentiment.POSITIVE));
        meeting("c", lead2, D.plusSeconds(8 * 86_400), mention("Salesforce-" + u, MeetingEnded.Sentiment.MIXED));
        meeting("d", null, D.plusSeconds(40 * 86_400), mention("Pipedrive-" + u, MeetingEnded.Sentiment.POSITIVE));
    }

    @Test
    void listsTheMentionsNewestFirstFilteredByCompetitorLeadAndTime() {
        JsonPath all = get("?lead_id=" + lead1 + WINDOW, 200);
        // newest first: the second meeting's mention, then the first meeting's two (same time, any order)
        assertThat(all.getList("items.competitor_key", String.class)).containsExactlyInAnyOrder(salesforce, hubspot, salesforce)
                .first().isEqualTo(salesforce);
        assertThat(all.getLong("total")).isEqualTo(3);
        assertThat(all.getString("items[0].sentiment")).isEqualTo("positive");
        assertThat(all.getString("items[0].mentioned_at")).isEqualTo(D.plusSeconds(86_400).toString());

        assertThat(get("?competitor=SALESFORCE-" + u.toUpperCase() + WINDOW, 200).getLong("total")).isEqualTo(3);
        // until is exclusive: the third Salesforce mention is at D + 8 days
        assertThat(get("?competitor=" + salesforce + "&until=" + D.plusSeconds(8 * 86_400), 200).getLong("total")).isEqualTo(2);
        assertThat(get("?competitor=" + salesforce + "&since=" + D.plusSeconds(86_400), 200).getLong("total")).isEqualTo(2);
    }

    @Test
    void countsPerCompetitorWithFirstAndLastMentionAndPages() {
        Map<String, Map<String, Object>> byKey = byKey(get("?group_by=competitor" + WINDOW + "&size=500", 200), "competitor_key");
        Map<String, Object> sf = byKey.get(salesforce);
        assertThat(sf).containsEntry("competitor", "Salesforce-" + u).containsEntry("mentions", 3).containsEntry("meetings", 3)
                .containsEntry("leads", 2).containsEntry("first_mentioned_at", D.toString())
                .containsEntry("last_mentioned_at", D.plusSeconds(8 * 86_400).toString());
        assertThat(byKey.get(hubspot)).containsEntry("mentions", 1).containsEntry("leads", 1);
        assertThat(byKey.get(pipedrive)).containsEntry("mentions", 1).containsEntry("leads", 0);

        JsonPath second = get("?group_by=competitor&competitor=" + hubspot + WINDOW + "&page=0&size=1", 200);
        assertThat(second.getList("items.competitor_key", String.class)).containsExactly(hubspot);
        assertThat(second.getInt("size")).isEqualTo(1);
        JsonPath lead1Page = get("?group_by=competitor&lead_id=" + lead1 + WINDOW + "&page=1&size=1", 200);
        assertThat(lead1Page.getLong("total")).isEqualTo(2);
        assertThat(lead1Page.getList("items.competitor_key", String.class)).containsExactly(hubspot);
    }

    @Test
    void countsPerLeadAndCompetitor() {
        JsonPath byLead = get("?group_by=lead" + WINDOW + "&size=500", 200);
        List<Map<String, Object>> mine = byLead.<Map<String, Object>>getList("items").stream()
                .filter(i -> lead1.toString().equals(i.get("lead_id")) || lead2.toString().equals(i.get("lead_id"))).toList();
        assertThat(mine).extracting(i -> i.get("lead_id") + "/" + i.get("competitor_key") + "=" + i.get("mentions"))
                .containsExactlyInAnyOrder(lead1 + "/" + salesforce + "=2", lead1 + "/" + hubspot + "=1", lead2 + "/" + salesforce + "=1");
        // a mention without a lead is not counted per lead
        assertThat(byLead.getList("items.competitor_key", String.class)).doesNotContain(pipedrive);
    }

    @Test
    void countsPerDayWeekAndMonth() {
        assertThat(periods("day")).containsExactly("2035-01-01/" + hubspot + "=1", "2035-01-01/" + salesforce + "=1",
                "2035-01-02/" + salesforce + "=1", "2035-01-09/" + salesforce + "=1", "2035-02-10/" + pipedrive + "=1");
        assertThat(periods("week")).containsExactly("2035-01-01/" + salesforce + "=2", "2035-01-01/" + hubspot + "=1",
                "2035-01-08/" + salesforce + "=1", "2035-02-05/" + pipedrive + "=1");
        assertThat(periods("month")).containsExactly("2035-01-01/" + salesforce + "=3", "2035-01-01/" + hubspot + "=1",
                "2035-02-01/" + pipedrive + "=1");
    }

    @Test
    void namesABadParameterAndLetsEveryPersonsRoleReadButNoAnonymousCaller() {
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/competitors/?group_by=year&lead_id=x&since=yesterday")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("group_by")).body("errors.field", hasItem("lead_id")).body("errors.field", hasItem("since"));
        for (String token : List.of(TestTokens.viewer(), TestTokens.operator(), TestTokens.admin())) {
            given().auth().oauth2(token).when().get("/api/v1/crm/competitors/?competitor=" + pipedrive).then().statusCode(200)
                    .body("total", equalTo(1));
        }
        given().when().get("/api/v1/crm/competitors/").then().statusCode(401);
        given().auth().oauth2(TestTokens.person("nobody")).when().get("/api/v1/crm/competitors/").then().statusCode(403);
    }

    private List<String> periods(String unit) {
        JsonPath page = get("?group_by=" + unit + WINDOW + "&size=500", 200);
        return page.<Map<String, Object>>getList("items").stream().filter(i -> ((String) i.get("competitor_key")).endsWith(u))
                .map(i -> i.get("period") + "/" + i.get("competitor_key") + "=" + i.get("mentions")).toList();
    }

    private static Map<String, Map<String, Object>> byKey(JsonPath page, String key) {
        return page.<Map<String, Object>>getList("items").stream().collect(Collectors.toMap(i -> (String) i.get(key), i -> i));
    }

    private static JsonPath get(String query, int status) {
        return given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/competitors/" + query).then().statusCode(status)
                .extract().jsonPath();
    }

    private void meeting(String name, UUID lead, Instant ended, MeetingEnded.CompetitorMention... mentions) {
        meetings.apply(new MeetingEnded("comp-" + u + "-" + name, 1L, "Meeting " + name, ended.minusSeconds(3600), ended,
                new MeetingEnded.Person("Sam", "sam-" + u + "@nia.example"), List.of(), lead, null, null, null, null, null, List.of(),
                List.of(mentions)), UUID.randomUUID());
    }

    private static MeetingEnded.CompetitorMention mention(String competitor, MeetingEnded.Sentiment sentiment) {
        return new MeetingEnded.CompetitorMention(null, competitor, "about " + competitor.strip(), sentiment);
    }
}
