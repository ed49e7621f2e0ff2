package com.nia.crmsync.syncapi.meeting;

import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.event;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.external;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.internal;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.item;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.mention;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.config.CreatioConfiguration.CompetitorTarget;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;

/**
 * The intake's matching and owner rules against the real database: each participant branch (email
 * contact, email lead only, name + company for contacts and leads, created, unmatched with the flag
 * off, internal) and each owner branch (owner map, linked contact, default, none).
 */
@QuarkusTest
@SyncApiInfrastructure
class MeetingServiceTests {

    @Inject
    MeetingService meetings;

    @Inject
    MeetingFixtures fixtures;

    @AfterEach
    void defaultConfiguration() {
        fixtures.restoreConfiguration();
    }

    @Test
    void matchesByEmailFirstThenByNameAndCompanyAndKeepsInternalOnesUnmatched() {
        fixtures.configure(false, Map.of(), null, CompetitorTarget.NOTES);
        String u = unique();
        String company = "Client " + u;
        UUID byEmail = fixtures.contact("Carl Contact", "Carl-" + u + "@Client.example", "Other");
        UUID leadOnly = fixtures.lead("Lea", "Lead", "lea-" + u + "@client.example", company, "new");
        UUID byName = fixtures.contact("Nora  Name", null, company);
        UUID leadByName = fixtures.lead("Lars", "Lname", null, company, "new");
        // two contacts with the same name and company: no match by name
        fixtures.contact("Twin Twice", null, company);
        fixtures.contact("Twin Twice", null, company);

        Intake intake = meetings.apply(event("m-" + u, 1, null, "sam-" + u + "@nia.example", List.of(
                internal("Sam Seller", "carl-" + u + "@client.example"),
                external("Carl Contact", "CARL-" + u + "@client.example", null),
                external("Lea Lead", "lea-" + u + "@client.example", null),
                external("nora name", null, company.toUpperCase()),
                external("Lars Lname", "lars-unknown-" + u + "@client.example", company),
                external("Twin Twice", null, company),
                external("Uma Unknown", "uma-" + u + "@client.example", "Elsewhere")), List.of(), List.of()), UUID.randomUUID());

        assertThat(intake.outcome()).isEqualTo(Intake.Outcome.CREATED);
        assertThat(intake.participants()).extracting(Intake.Participant::matchRule).containsExactly("internal", "email_contact",
                "email_lead", "name_company_contact", "name_company_lead", "unmatched", "unmatched");
        assertThat(intake.participants()).extracting(Intake.Participant::contactId).containsExactly(null, byEmail, null, byName, null,
                null, null);
        assertThat(intake.participants()).extracting(Intake.Participant::leadId).containsExactly(null, null, leadOnly, null, leadByName,
                null, null);
        assertThat(intake.createdContacts()).isEmpty();
        assertThat(fixtures.count("SELECT count(*) FROM contact WHERE lower(email) = ?1", "uma-" + u + "@client.example")).isZero();
        // the first external contact is the meeting's; two leads among the participants and none in the event: no lead
        assertThat(intake.contactId()).isEqualTo(byEmail);
        assertThat(intake.leadId()).isNull();
    }

    @Test
    void createsUnknownParticipantsAsContactsPlannedLikeAnyWhenTheFlagIsOn() {
        fixtures.configure(true, Map.of(), null, CompetitorTarget.NOTES);
        String u = unique();
        Intake intake = meetings.apply(event("m-" + u, 1, null, "sam-" + u + "@nia.example",
                List.of(external("Uma Unknown", "uma-" + u + "@client.example", "Elsewhere " + u)), List.of(), List.of()), UUID.randomUUID());

        assertThat(intake.participants()).singleElement().satisfies(p -> assertThat(p.matchRule()).isEqualTo("created"));
        UUID created = intake.createdContacts().get(0);
        assertThat(intake.participants().get(0).contactId()).isEqualTo(created);
        assertThat(fixtures.value("SELECT full_name FROM contact WHERE id = ?1", created)).isEqualTo("Uma Unknown");
        assertThat(fixtures.value("SELECT company FROM contact WHERE id = ?1", created)).isEqualTo("Elsewhere " + u);
        // planned through the contact service like any NIA-created contact
        assertThat(fixtures.count("SELECT count(*) FROM creatio_sync WHERE entity_type = 'contact' AND local_id = ?1"
                + " AND pending_command_id IS NOT NULL", created)).isEqualTo(1);

        // a later revision finds it again instead of creating another
        Intake again = meetings.apply(event("m-" + u, 2, null, "sam-" + u + "@nia.example",
                List.of(external("Uma Unknown", "uma-" + u + "@client.example", "Elsewhere " + u)), List.of(), List.of()), UUID.randomUUID());
        assertThat(again.createdContacts()).isEmpty();
        assertThat(again.participants().get(0).contactId()).isEqualTo(created);
        assertThat(fixtures.count("SELECT count(*) FROM contact WHERE lower(email) = ?1", "uma-" + u + "@client.example")).isEqualTo(1);
    }

    @Test
    void twoMeetingsWithTheSameNewPersonAtTheSameTimeCreateOneContact() throws Exception {
        fixtures.configure(true, Map.of(), null, CompetitorTarget.NOTES);
        String u = unique();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<Intake>> intakes = new java.util.ArrayList<>();
            for (String m : List.of("a", "b")) {
                intakes.add(pool.submit(() -> meetings.apply(event("m-" + u + "-" + m, 1, null, "sam-" + u + "@nia.example",
                        List.of(external("Uma Unknown", "uma-" + u + "@client.example", "Elsewhere"),
                                external("Vic Unknown", "vic-" + u + "@client.example", "Elsewhere")), List.of(), List.of()),
                        UUID.randomUUID())));
            }
            int created = 0;
            for (var intake : intakes) {
                created += intake.get(30, java.util.concurrent.TimeUnit.SECONDS).createdContacts().size();
            }
            assertThat(created).isEqualTo(2);
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixtures.count("SELECT count(*) FROM contact WHERE lower(email) IN (?1, ?2)", "uma-" + u + "@client.example",
                "vic-" + u + "@client.example")).isEqualTo(2);
    }

    @Test
    void findsTheOwnerInTheOwnerMapThenAmongLinkedContactsThenTakesTheDefault() {
        String u = unique();
        UUID mapped = UUID.randomUUID();
        UUID linkedCreatioId = UUID.randomUUID();
        UUID fallback = UUID.randomUUID();
        UUID linkedContact = fixtures.contact("Olga Owner", "olga-" + u + "@nia.example", "NIA");
        fixtures.link(linkedContact, linkedCreatioId);
        fixtures.configure(false, Map.of("Sam-" + u + "@NIA.example", mapped), fallback, CompetitorTarget.NOTES);

        Intake intake = meetings.apply(event("m-" + u, 1, null, "sam-" + u + "@nia.example", List.of(),
                List.of(item("ai-map", "By the map", null, null), item("ai-lookup", "By lookup", "olga-" + u + "@nia.example", null),
                        item("ai-default", "By default", "nobody-" + u + "@nia.example", null)), List.of()), UUID.randomUUID());

        UUID meeting = intake.meetingId();
        assertThat(intake.ownerSource()).isEqualTo("owner_map");
        assertThat(fixtures.value("SELECT owner_creatio_id FROM meeting WHERE id = ?1", meeting)).isEqualTo(mapped);
        assertOwner(MeetingService.taskIdFor("m-" + u, "ai-map"), mapped, "owner_map");
        assertOwner(MeetingService.taskIdFor("m-" + u, "ai-lookup"), linkedCreatioId, "contact_lookup");
        assertOwner(MeetingService.taskIdFor("m-" + u, "ai-default"), fallback, "default");
    }

    @Test
    void withoutAnyOwnerTheMeetingHasNone() {
        fixtures.configure(false, Map.of(), null, CompetitorTarget.NOTES);
        String u = unique();
        // a contact with the organizer's email that is not linked to Creatio is no owner
        fixtures.contact("Sam Seller", "sam-" + u + "@nia.example", "NIA");
        Intake intake = meetings.apply(event("m-" + u, 1, null, "sam-" + u + "@nia.example", List.of(), List.of(), List.of()),
                UUID.randomUUID());
        assertThat(intake.ownerSource()).isNull();
        assertThat(fixtures.value("SELECT owner_creatio_id FROM meeting WHERE id = ?1", intake.meetingId())).isNull();
    }

    @Test
    void competitorMentionsStayOutOfTheNotesWhenTheyGoToAnEntitySet() {
        fixtures.configure(false, Map.of(), null, CompetitorTarget.ENTITY_SET);
        String u = unique();
        UUID lead = fixtures.lead("Lea", "Lead", "lea-" + u + "@client.example", "Client " + u, "qualified");
        Intake intake = meetings.apply(event("m-" + u, 1, lead, "sam-" + u + "@nia.example", List.of(), List.of(),
                List.of(mention(null, "  Salesforce ", MeetingEnded.Sentiment.NEGATIVE), mention(null, "salesforce", MeetingEnded.Sentiment.MIXED))),
                UUID.randomUUID());
        assertThat(fixtures.value("SELECT notes FROM meeting WHERE id = ?1", intake.meetingId())).isEqualTo("Went well.");
        assertThat(fixtures.count("SELECT count(*) FROM competitor_mention WHERE meeting_id = ?1 AND competitor_key = 'salesforce'"
                + " AND lead_id = ?2 AND mentioned_at = ?3", intake.meetingId(), lead, java.sql.Timestamp.from(MeetingFixtures.ENDED))).isEqualTo(2);
        // a qualified lead stays qualified; the rest of the meeting's facts are written
        assertThat(fixtures.leadRow(lead).status).isEqualTo("qualified");
        assertThat(intake.leadChanges()).doesNotContainKey("status").containsKeys("budget", "meeting_date");
    }

    private void assertOwner(UUID taskId, UUID creatioId, String source) {
        assertThat(fixtures.value("SELECT owner_creatio_id FROM meeting_task WHERE id = ?1", taskId)).isEqualTo(creatioId);
        assertThat(fixtures.value("SELECT owner_source FROM meeting_task WHERE id = ?1", taskId)).isEqualTo(source);
    }
}
