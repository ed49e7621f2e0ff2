package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.meeting.MeetingEnded.Participant;
import com.nia.crmsync.model.meeting.MeetingEnded.Person;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 16's owner resolution over the whole system: a meeting whose organizer nobody knows, with
 * nothing configured for owners, reaches the simulator's Creatio owned by the integration user's
 * contact (the gateway learns it from the token's {@code prop:SysAdminUnitId} and
 * {@code SysAdminUnit.ContactId}); a meeting waiting for something the configuration gives (an
 * activity category name Creatio does not have) reaches Creatio within seconds of the configuration
 * change that fixes it, without a new event, with the owner that configuration gives (the owner of
 * a waiting meeting is resolved again, not frozen at the intake).
 */
class MeetingOwnerSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);
    private static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));

    private final CreatioOData creatio = new CreatioOData(sync.stack);

    @Test
    void aMeetingWhoseOrganizerIsUnknownWithNothingConfiguredReachesCreatioOwnedByTheIntegrationUsersContact() {
        withMeetingSettings(m -> {
            m.remove("default_owner_contact_id");
            m.put("owner_map", new LinkedHashMap<>());
        }, () -> {
            List<Map<String, Object>> users = creatio.rows("SysAdminUnit", "Name eq '" + Stack.CREATIO_CLIENT_ID + " (integration)'",
                    "Id,ContactId");
            assertThat(users).as("the simulator's technical user of the stack's client").hasSize(1);
            UUID integrationContact = CreatioOData.id(users.get(0), "ContactId");
            assertThat(integrationContact).isNotNull();

            String meetingId = "owner-" + marker;
            publish(meeting(meetingId, "Nobody knows " + marker));
            UUID activity = activityOf(meetingId);

            await("the meeting activity in Creatio").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                    .until(() -> creatio.exists("Activity", activity));
            assertThat(CreatioOData.id(creatio.row("Activity", activity).orElseThrow(), "OwnerId"))
                    .as("nothing configured, the organizer unknown: the integration user's contact").isEqualTo(integrationContact);
            assertThat(given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when()
                    .get("/api/v1/crm/meetings/" + Ids.localIdFor(EntityType.MEETING, meetingId)).then().statusCode(200)
                    .extract().jsonPath().getString("meeting.owner_source")).isEqualTo("integration_user");
        });
    }

    @Test
    void aWaitingMeetingReachesCreatioWithinSecondsOfTheConfigurationGivingItsCategoryAndANewOwner() {
        withMeetingSettings(m -> {
            m.put("activity_category_name", "No such category " + marker);
            m.remove("default_owner_contact_id");
            m.put("owner_map", new LinkedHashMap<>());
        }, () -> {
            String meetingId = "category-" + marker;
            publish(meeting(meetingId, "Category fixed later " + marker));
            UUID local = Ids.localIdFor(EntityType.MEETING, meetingId);
            await("the meeting waits for its category").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                    .until(() -> sync.syncState(EntityType.MEETING, local).map(s -> String.valueOf(s.getString("last_error")))
                            .orElse("").contains("the meeting activity category"));

            // no new event: the configuration version alone releases it, and its owner is resolved again
            sync.changeConfiguration(c -> {
                meetings(c).put("activity_category_name", "Meeting");
                meetings(c).put("default_owner_contact_id", MeetingSystemTests.DEFAULT_OWNER.toString());
            });

            UUID activity = activityOf(meetingId);
            await("the meeting activity in Creatio").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> creatio.exists("Activity", activity));
            Map<String, Object> row = creatio.row("Activity", activity).orElseThrow();
            assertThat(CreatioOData.id(row, "ActivityCategoryId")).isEqualTo(creatio.lookup("ActivityCategory", "Meeting"));
            assertThat(CreatioOData.id(row, "OwnerId")).as("the default owner the new configuration gives, not the one of the intake")
                    .isEqualTo(MeetingSystemTests.DEFAULT_OWNER);
        });
    }

    private MeetingEnded meeting(String meetingId, String title) {
        String organizer = ("stranger." + marker + "@nia.example");
        return new MeetingEnded(meetingId, 1L, title, STARTED, STARTED.plus(Duration.ofMinutes(30)), new Person("Sam Stranger", organizer),
                List.of(new Participant("Sam Stranger", organizer, "NIA", "Account Executive", true)), null, "Internal sync.", "internal",
                Map.of(), null, null, List.of(), List.of());
    }

    private void publish(MeetingEnded event) {
        kafka.send(Topics.MEETINGS_ENDED, event.meetingId(), Json.write(Envelope.create(EventTypes.MEETING_ENDED, event.meetingId(), event)));
    }

    private static UUID activityOf(String meetingId) {
        return Ids.creatioIdFor(EntityType.MEETING, Ids.localIdFor(EntityType.MEETING, meetingId));
    }

    /** Changes the meeting settings for the test and puts back what was there. */
    private void withMeetingSettings(Consumer<Map<String, Object>> change, Runnable test) {
        AtomicReference<Map<String, Object>> before = new AtomicReference<>();
        sync.changeConfiguration(c -> {
            before.set(new LinkedHashMap<>(meetings(c)));
            change.accept(meetings(c));
        });
        try {
            test.run();
        } finally {
            sync.changeConfiguration(c -> c.put("meetings", before.get()));
        }
    }

    private static Map<String, Object> meetings(Map<String, Object> configuration) {
        return MeetingSystemTests.meetings(configuration);
    }
}
