package com.nia.crmsync.syncapi.meeting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.syncapi.FakeGateway;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.entity.Meeting;
import com.nia.crmsync.syncapi.entity.MeetingTask;
import com.nia.crmsync.testkit.TestTokens;

/** {@code GET /api/v1/crm/meetings/}, {@code /meetings/{id}} and {@code /tasks/}: filters, detail, bad input, roles. */
@QuarkusTest
@SyncApiInfrastructure
class ActivityResourceTests {

    @Inject
    EntityManager em;

    private UUID meeting(UUID lead, String key, String origin) {
        return meeting(lead, key, origin, null);
    }

    private UUID meeting(UUID lead, String key, String origin, UUID owner) {
        UUID id = Ids.localIdFor(EntityType.MEETING, key);
        QuarkusTransaction.requiringNew().run(() -> {
            Meeting m = new Meeting();
            m.id = id;
            m.meetingKey = key;
            m.title = "Demo for " + key;
            m.startedAt = Instant.parse("2026-11-20T09:00:00Z");
            m.endedAt = Instant.parse("2026-11-20T10:00:00Z");
            m.organizerEmail = "otto@nia.example";
            m.leadId = lead;
            m.status = "completed";
            m.origin = origin;
            m.ownerCreatioId = owner;
            m.createdAt = Instant.now();
            m.updatedAt = m.createdAt;
            em.persist(m);
        });
        return id;
    }

    private UUID task(UUID meeting, UUID lead, String item, String status, LocalDate due) {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            MeetingTask t = new MeetingTask();
            t.id = id;
            t.meetingId = meeting;
            t.actionItemId = item;
            t.title = "Do " + item;
            t.status = status;
            t.priority = "medium";
            t.dueDate = due;
            t.leadId = lead;
            t.createdAt = Instant.now();
            t.updatedAt = t.createdAt;
            em.persist(t);
        });
        return id;
    }

    @Test
    void aMeetingsAndATasksCreatioOwnerShowsWithItsContactsName() {
        UUID owner = UUID.randomUUID();
        FakeGateway.contactName(owner, "Sally Seller");
        UUID lead = UUID.randomUUID();
        String key = "m-" + UUID.randomUUID();
        UUID m = meeting(lead, key, "nia", owner);
        UUID t = task(m, lead, "a1", "not_started", LocalDate.of(2026, 12, 2));
        QuarkusTransaction.requiringNew().run(() -> em.find(MeetingTask.class, t).ownerCreatioId = owner);

        given().auth().oauth2(TestTokens.viewer()).queryParam("lead_id", lead.toString()).when().get("/api/v1/crm/meetings/")
                .then().statusCode(200).body("items[0].owner_creatio_id", is(owner.toString()))
                .body("items[0].owner.id", is(owner.toString())).body("items[0].owner.name", is("Sally Seller"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/meetings/" + m)
                .then().statusCode(200).body("meeting.owner.name", is("Sally Seller")).body("tasks[0].owner.name", is("Sally Seller"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("meeting", m.toString()).when().get("/api/v1/crm/tasks/")
                .then().statusCode(200).body("items[0].owner.id", is(owner.toString())).body("items[0].owner.name", is("Sally Seller"));
        // a meeting without a Creatio owner yet shows none
        UUID none = meeting(lead, "m-" + UUID.randomUUID(), "creatio");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/meetings/" + none)
                .then().statusCode(200).body("meeting.owner", is(nullValue()));
    }

    @Test
    void meetingsAndTasksAreListedByLeadOriginAndStatusWithTheirDetail() {
        UUID lead = UUID.randomUUID();
        String key = "m-" + UUID.randomUUID();
        UUID m = meeting(lead, key, "nia");
        meeting(lead, "creatio:" + UUID.randomUUID(), "creatio");
        UUID late = task(m, lead, "a2", "completed", LocalDate.of(2026, 12, 9));
        UUID early = task(m, lead, "a1", "not_started", LocalDate.of(2026, 12, 2));

        given().auth().oauth2(TestTokens.viewer()).queryParam("lead_id", lead.toString()).when().get("/api/v1/crm/meetings/")
                .then().statusCode(200).body("total", is(2)).body("items", hasSize(2));
        given().auth().oauth2(TestTokens.viewer()).queryParam("lead_id", lead.toString()).queryParam("origin", "nia")
                .when().get("/api/v1/crm/meetings/")
                .then().statusCode(200).body("total", is(1)).body("items[0].meeting_id", is(key)).body("items[0].origin", is("nia"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/meetings/" + m)
                .then().statusCode(200).body("meeting.title", is("Demo for " + key))
                .body("tasks.action_item_id", contains("a1", "a2")).body("participants", hasSize(0));
        given().auth().oauth2(TestTokens.viewer()).queryParam("lead_id", lead.toString()).when().get("/api/v1/crm/tasks/")
                .then().statusCode(200).body("items.id", contains(early.toString(), late.toString()));
        given().auth().oauth2(TestTokens.operator()).queryParam("lead_id", lead.toString()).queryParam("status", "completed")
                .when().get("/api/v1/crm/tasks/")
                .then().statusCode(200).body("total", is(1)).body("items[0].due_date", is("2026-12-09"));
    }

    @Test
    void badParametersAreProblemsNamingTheFieldAndAnUnknownMeetingIs404() {
        given().auth().oauth2(TestTokens.viewer()).queryParam("lead_id", "nope").queryParam("origin", "mars")
                .when().get("/api/v1/crm/meetings/")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", contains("lead_id", "origin"));
        given().auth().oauth2(TestTokens.viewer()).queryParam("status", "done").queryParam("size", "0").when().get("/api/v1/crm/tasks/")
                .then().statusCode(400).body("errors.field", contains("status", "size"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/meetings/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/api/v1/crm/tasks/").then().statusCode(401);
    }
}
