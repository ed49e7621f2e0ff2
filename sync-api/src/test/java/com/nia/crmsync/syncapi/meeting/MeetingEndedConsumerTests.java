package com.nia.crmsync.syncapi.meeting;

import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.envelope;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.event;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.external;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.internal;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.item;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.mention;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/**
 * Meeting-ended events over the real broker into the real database: written whole once, however
 * often delivered; corrected by a higher revision (one task updated, one canceled, none added); an
 * older revision ignored; a malformed record, a schema violation and an unknown version
 * dead-lettered with the reason while the next event on the partition is applied.
 */
@QuarkusTest
@SyncApiInfrastructure
class MeetingEndedConsumerTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    MeetingFixtures fixtures;

    @AfterEach
    void defaultConfiguration() {
        fixtures.restoreConfiguration();
    }

    @Test
    void aValidEventWritesTheMeetingItsParticipantsTasksMentionsAndLeadOnceHoweverOftenItIsDelivered() {
        fixtures.configure(true, Map.of(), UUID.randomUUID(), null);
        String u = unique();
        UUID lead = fixtures.lead("Lea", "Lead", "lea-" + u + "@client.example", "Client " + u, "new");
        UUID known = fixtures.contact("Carl Contact", "carl-" + u + "@client.example", "Client " + u);
        String meetingId = "m-" + u;
        MeetingEnded e = event(meetingId, 1, null, "sam-" + u + "@nia.example",
                List.of(internal("Sam Seller", "sam-" + u + "@nia.example"), external("Carl Contact", "carl-" + u + "@client.example", null),
                        external("Lea Lead", "lea-" + u + "@client.example", null), external("Nina New", "nina-" + u + "@client.example", "Client " + u)),
                List.of(item("ai-1", "Send the offer", null, LocalDate.parse("2026-12-01")), item("ai-2", "Book the workshop", null, null)),
                List.of(mention("c-1", "Salesforce", MeetingEnded.Sentiment.NEGATIVE), mention(null, "HubSpot", MeetingEnded.Sentiment.NEUTRAL)));
        UUID eventId = UUID.randomUUID();
        String json = envelope(eventId, e);
        for (int i = 0; i < 3; i++) {
            kafka.send(Topics.MEETINGS_ENDED, meetingId, json);
        }
        // the same meeting and revision under another event id changes nothing either
        kafka.send(Topics.MEETINGS_ENDED, meetingId, envelope(UUID.randomUUID(), e));
        String marker = markerAfter(meetingId);

        await().atMost(Duration.ofSeconds(30)).until(() -> meetingExists(marker));
        UUID id = MeetingService.meetingIdFor(meetingId);
        assertThat(fixtures.count("SELECT count(*) FROM meeting WHERE meeting_key = ?1", meetingId)).isEqualTo(1);
        assertThat(fixtures.value("SELECT lead_id FROM meeting WHERE id = ?1", id)).isEqualTo(lead);
        assertThat(fixtures.value("SELECT contact_id FROM meeting WHERE id = ?1", id)).isEqualTo(known);
        assertThat(fixtures.value("SELECT version FROM meeting WHERE id = ?1", id)).isEqualTo(0L);
        assertThat(fixtures.count("SELECT count(*) FROM meeting_participant WHERE meeting_id = ?1", id)).isEqualTo(4);
        assertThat(fixtures.count("SELECT count(*) FROM meeting_participant WHERE meeting_id = ?1 AND match_rule = 'created'", id))
                .isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM contact WHERE lower(email) = ?1", "nina-" + u + "@client.example")).isEqualTo(1);
        assertThat(fixtures.count("SELECT count(*) FROM meeting_task WHERE meeting_id = ?1", id)).isEqualTo(2);
        assertThat(fixtures.count("SELECT count(*) FROM competitor_mention WHERE meeting_id = ?1", id)).isEqualTo(2);
        assertThat(fixtures.count("SELECT count(*) FROM processed_message WHERE event_id = ?1", eventId)).isEqualTo(1);
        Lead after = fixtures.leadRow(lead);
        assertThat(after.version).as("one lead edit").isEqualTo(1);
        assertThat(after.status).isEqualTo("qualified");
        assertThat(after.budget).isEqualByComparingTo("50000");
        assertThat(after.meetingType).isEqualTo("demo");
        assertThat(after.meetingDate).isEqualTo(MeetingFixtures.STARTED);
        assertThat(after.timeline).isEqualTo("Q1 2027");
        assertThat(after.budgetDiscussed).isTrue();
        assertThat(after.decisionMakerIdentified).isTrue();
        assertThat(after.notes).isEqualTo("Meeting 2026-11-20 (demo): Demo of the sync");
    }

    @Test
    void aCorrectedEventUpdatesOneTaskCancelsTheDroppedOneAddsNoneAndAnOlderRevisionIsIgnored() {
        String u = unique();
        String meetingId = "m-" + u;
        String organizer = "sam-" + u + "@nia.example";
        MeetingEnded first = event(meetingId, 1, null, organizer, List.of(),
                List.of(item("ai-1", "Send the offer", null, LocalDate.parse("2026-12-01")), item("ai-2", "Book the workshop", null, null)),
                List.of(mention("c-1", "Salesforce", MeetingEnded.Sentiment.NEGATIVE), mention("c-2", "HubSpot", MeetingEnded.Sentiment.NEUTRAL)));
        kafka.send(Topics.MEETINGS_ENDED, meetingId, envelope(UUID.randomUUID(), first));
        UUID id = MeetingService.meetingIdFor(meetingId);
        await().atMost(Duration.ofSeconds(30)).until(() -> meetingExists(meetingId));
        UUID kept = MeetingService.taskIdFor(meetingId, "ai-1");
        UUID dropped = MeetingService.taskIdFor(meetingId, "ai-2");
        long keptVersion = (Long) fixtures.value("SELECT version FROM meeting_task WHERE id = ?1", kept);

        MeetingEnded corrected = event(meetingId, 2, null, organizer, List.of(),
                List.of(item("ai-1", "Send the corrected offer", null, LocalDate.parse("2026-12-03"))),
                List.of(mention("c-1", "Salesforce", MeetingEnded.Sentiment.NEGATIVE)));
        kafka.send(Topics.MEETINGS_ENDED, meetingId, envelope(UUID.randomUUID(), corrected));
        // an older revision arriving late
        MeetingEnded stale = event(meetingId, 0, null, organizer, List.of(), List.of(item("ai-9", "Stale item", null, null)), List.of());
        kafka.send(Topics.MEETINGS_ENDED, meetingId, envelope(UUID.randomUUID(), stale));
        String marker = markerAfter(meetingId);
        await().atMost(Duration.ofSeconds(30)).until(() -> meetingExists(marker));

        assertThat(fixtures.value("SELECT revision FROM meeting WHERE id = ?1", id)).isEqualTo(2L);
        assertThat(fixtures.count("SELECT count(*) FROM meeting_task WHERE meeting_id = ?1", id)).as("none added").isEqualTo(2);
        assertThat(fixtures.value("SELECT title FROM meeting_task WHERE id = ?1", kept)).isEqualTo("Send the corrected offer");
        assertThat(fixtures.value("SELECT due_date::text FROM meeting_task WHERE id = ?1", kept)).isEqualTo("2026-12-03");
        assertThat((Long) fixtures.value("SELECT version FROM meeting_task WHERE id = ?1", kept)).isEqualTo(keptVersion + 1);
        assertThat(fixtures.value("SELECT status FROM meeting_task WHERE id = ?1", kept)).isEqualTo("not_started");
        assertThat(fixtures.value("SELECT status FROM meeting_task WHERE id = ?1", dropped)).isEqualTo("canceled");
        assertThat(fixtures.count("SELECT count(*) FROM competitor_mention WHERE meeting_id = ?1 AND deleted", id)).isEqualTo(1);
        assertThat(fixtures.value("SELECT mention_key FROM competitor_mention WHERE meeting_id = ?1 AND deleted", id)).isEqualTo("c-2");
        assertThat(fixtures.value("SELECT notes FROM meeting WHERE id = ?1", id)).isEqualTo(
                "Went well.\n\nCompetitors mentioned:\n- Salesforce (negative): they compared us with Salesforce");

        // the item back in a later revision reopens its task
        MeetingEnded third = event(meetingId, 3, null, organizer, List.of(),
                List.of(item("ai-1", "Send the corrected offer", null, LocalDate.parse("2026-12-03")), item("ai-2", "Book the workshop", null, null)),
                List.of());
        kafka.send(Topics.MEETINGS_ENDED, meetingId, envelope(UUID.randomUUID(), third));
        await().atMost(Duration.ofSeconds(30)).until(() -> Long.valueOf(3).equals(fixtures.value("SELECT revision FROM meeting WHERE id = ?1", id)));
        assertThat(fixtures.value("SELECT status FROM meeting_task WHERE id = ?1", dropped)).isEqualTo("not_started");
        assertThat(fixtures.count("SELECT count(*) FROM meeting_task WHERE meeting_id = ?1", id)).isEqualTo(2);
    }

    @Test
    void malformedInvalidAndUnknownVersionRecordsAreDeadLetteredWithTheReasonAndTheNextEventIsApplied() {
        String u = unique();
        String key = "m-" + u;
        kafka.send(Topics.MEETINGS_ENDED, key, "{ this is not json");
        MeetingEnded noTitle = new MeetingEnded(key, 1L, null, MeetingFixtures.STARTED, MeetingFixtures.ENDED,
                new MeetingEnded.Person("Sam", "sam@nia.example"), List.of(), null, null, null, null, null, null,
                List.of(new MeetingEnded.ActionItem("ai-1", null, null, "not-an-email", null, null, null)), List.of());
        kafka.send(Topics.MEETINGS_ENDED, key, envelope(UUID.randomUUID(), noTitle));
        MeetingEnded valid = event(key, 1, null, "sam@nia.example", List.of(), List.of(), List.of());
        kafka.send(Topics.MEETINGS_ENDED, key, envelope(UUID.randomUUID(), valid).replace("\"schemaVersion\":1", "\"schemaVersion\":7"));
        kafka.send(Topics.MEETINGS_ENDED, key, envelope(UUID.randomUUID(), valid));

        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.DEAD_LETTERS,
                rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= 3, Duration.ofSeconds(30)).stream()
                .filter(r -> key.equals(r.key())).toList();
        assertThat(dead).hasSize(3);
        assertThat(dead).allSatisfy(r -> assertThat(TestKafka.header(r, "dead-letter-topic")).isEqualTo(Topics.MEETINGS_ENDED));
        assertThat(TestKafka.header(dead.get(0), "dead-letter-reason")).startsWith("invalid event: not a JSON envelope");
        assertThat(TestKafka.header(dead.get(1), "dead-letter-reason")).startsWith("invalid event: ")
                .contains("/payload/title").contains("/payload/actionItems/0/title").contains("/payload/actionItems/0/ownerEmail");
        assertThat(TestKafka.header(dead.get(2), "dead-letter-reason")).startsWith("unsupported schema version: 7");
        await().atMost(Duration.ofSeconds(30)).until(() -> meetingExists(key));
        assertThat(fixtures.count("SELECT count(*) FROM meeting WHERE meeting_key = ?1", key)).isEqualTo(1);
    }

    @Test
    void anEventWithAnOverLongTitleIsDeadLetteredNamingTheFieldAndItsBound() {
        String u = unique();
        String key = "m-" + u;
        MeetingEnded valid = event(key, 1, null, "sam@nia.example", List.of(), List.of(), List.of());
        MeetingEnded longTitle = new MeetingEnded(key, 1L, "t".repeat(500_000), valid.startedAt(), valid.endedAt(),
                valid.organizer(), valid.participants(), null, valid.summary(), valid.meetingType(), null, null, null,
                List.of(), List.of());
        kafka.send(Topics.MEETINGS_ENDED, key, envelope(UUID.randomUUID(), longTitle));

        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.DEAD_LETTERS,
                rs -> rs.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(30)).stream()
                .filter(r -> key.equals(r.key())).toList();
        assertThat(dead).singleElement().satisfies(r -> assertThat(TestKafka.header(r, "dead-letter-reason"))
                .startsWith("invalid event: ").contains("/payload/title").contains("at most 1000 characters"));
        String marker = markerAfter(key);
        await().atMost(Duration.ofSeconds(30)).until(() -> meetingExists(marker));
        assertThat(meetingExists(key)).isFalse();
    }

    /** Sends a small meeting under the same Kafka key (same partition): once it is written, everything before it was consumed. */
    private String markerAfter(String key) {
        String marker = key + "-marker";
        kafka.send(Topics.MEETINGS_ENDED, key, envelope(UUID.randomUUID(),
                event(marker, 0, null, "marker@nia.example", List.of(), List.of(), List.of())));
        return marker;
    }

    private boolean meetingExists(String meetingKey) {
        return fixtures.count("SELECT count(*) FROM meeting WHERE meeting_key = ?1", meetingKey) == 1;
    }
}
