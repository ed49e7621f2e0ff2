package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.meeting.MeetingEnded.ActionItem;
import com.nia.crmsync.model.meeting.MeetingEnded.CompetitorMention;
import com.nia.crmsync.model.meeting.MeetingEnded.Participant;
import com.nia.crmsync.model.meeting.MeetingEnded.Person;
import com.nia.crmsync.model.meeting.MeetingEnded.Priority;
import com.nia.crmsync.model.meeting.MeetingEnded.Sentiment;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 9's acceptance over the whole system (docs/meetings.md): a {@code MeetingEnded} envelope
 * published on {@code nia.meetings.ended.v1} (keyed by the meeting id, as another NIA service
 * publishes it) or posted to the seed's HTTP paths becomes, in the simulator's Creatio, one
 * {@code Activity} of category Meeting linked to the lead, one {@code ActivityParticipant} per
 * participant known as a contact (an unknown one created as a contact first), the lead updated
 * through the normal sync path, one task per action item, and the competitor mentions in NIA and
 * in Creatio — exactly once, never pointing at a record that does not exist, and without
 * overwriting what a salesperson typed in Creatio.
 *
 * <p>Creatio's state is read from the simulator's OData API directly ({@link CreatioOData}), by
 * lead and activity filters, not by the deterministic ids, except where the test says so. The
 * configuration in force is the default one plus a default owner (the simulator's seeded
 * "Supervisor" contact), set for this class and taken back after it; tests that need more (an
 * owner map entry, the entity-set target of mentions) change it and take it back themselves.
 */
class MeetingSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(90);

    /** The simulator's "Supervisor" contact, in every Creatio it simulates: the configured default owner. */
    static final UUID DEFAULT_OWNER = UUID.fromString("410006e1-ca4e-4502-a9ec-e54d922d2c00");

    private static Map<String, Object> savedMeetings;

    private final String router = sync.stack.service(ServiceKind.FRONT_ROUTER).baseUrl();
    private final CreatioOData creatio = new CreatioOData(sync.stack);

    // ---- the configuration: a default owner for the class

    @BeforeAll
    static void aDefaultOwner() {
        new SyncPath(SystemStack.get()).changeConfiguration(c -> {
            Map<String, Object> meetings = meetings(c);
            savedMeetings = new LinkedHashMap<>(meetings);
            meetings.put("default_owner_contact_id", DEFAULT_OWNER.toString());
        });
    }

    @AfterAll
    static void configurationBack() {
        if (savedMeetings != null) {
            new SyncPath(SystemStack.get()).changeConfiguration(c -> c.put("meetings", savedMeetings));
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> meetings(Map<String, Object> configuration) {
        Object m = configuration.get("meetings");
        if (m == null) {
            m = new LinkedHashMap<String, Object>();
            configuration.put("meetings", m);
        }
        return (Map<String, Object>) m;
    }

    private void withMeetingSettings(Consumer<Map<String, Object>> change, Runnable test) {
        java.util.concurrent.atomic.AtomicReference<Map<String, Object>> before = new java.util.concurrent.atomic.AtomicReference<>();
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

    // ---- the NIA side before the meeting

    /**
     * What NIA and Creatio hold before the meeting: a lead (budget 1,000) and a contact, both created
     * in NIA and synced, so both are linked to their Creatio records; the emails of the meeting's
     * people, one of them unknown everywhere.
     */
    private record World(String tag, UUID lead, UUID leadCreatio, String leadName, String leadEmail, UUID contact,
            UUID contactCreatio, String contactName, String contactEmail, String newName, String newEmail,
            String organizerEmail, String company, String meetingId) {
    }

    private World world(String tag) {
        String t = tag + marker;
        String company = "Prospect " + t;
        String leadEmail = ("lena.lead." + t + "@prospect.example").toLowerCase(Locale.ROOT);
        Map<String, Object> lead = new LinkedHashMap<>();
        lead.put("first_name", "Lena");
        lead.put("last_name", "Lead" + t);
        lead.put("email", leadEmail);
        lead.put("company", company);
        lead.put("title", "Head of Operations");
        lead.put("status", "new");
        lead.put("budget", 1000);
        UUID leadId = sync.createLead(lead);
        String contactName = "Carl Contact" + t;
        String contactEmail = ("carl.contact." + t + "@prospect.example").toLowerCase(Locale.ROOT);
        UUID contactId = sync.createContact(Map.of("full_name", contactName, "email", contactEmail, "job_title", "CTO",
                "company", company));
        UUID leadCreatio = UUID.fromString(sync.awaitStatus(EntityType.LEAD, leadId, "synced", WITHIN).getString("creatio_id"));
        UUID contactCreatio = UUID.fromString(sync.awaitStatus(EntityType.CONTACT, contactId, "synced", WITHIN)
                .getString("creatio_id"));
        return new World(tag, leadId, leadCreatio, "Lena Lead" + t, leadEmail, contactId, contactCreatio, contactName,
                contactEmail, "Una Known" + t, ("una.known." + t + "@prospect.example").toLowerCase(Locale.ROOT),
                ("olga.organizer." + t + "@nia.example").toLowerCase(Locale.ROOT), company, "meeting-" + t);
    }

    // ---- the event

    private static final Instant STARTED = LocalDate.now(ZoneOffset.UTC).minusDays(1).atTime(9, 0).toInstant(ZoneOffset.UTC);
    private static final Instant ENDED = STARTED.plus(45, ChronoUnit.MINUTES);
    private static final LocalDate DAY = LocalDate.ofInstant(STARTED, ZoneOffset.UTC);

    private static ActionItem proposal(World w) {
        return new ActionItem("ai-1", "Send the proposal to " + w.company(), "Pricing for 50 seats", w.organizerEmail(),
                "Olga Organizer", DAY.plusDays(7), Priority.HIGH);
    }

    private static ActionItem deepDive(World w) {
        return new ActionItem("ai-2", "Book a technical deep-dive with " + w.company(), "With their CTO", w.organizerEmail(),
                "Olga Organizer", DAY.plusDays(14), Priority.MEDIUM);
    }

    private String rival(String name) {
        return name + " " + marker;
    }

    /**
     * The acceptance's event: 3 external participants (the known contact, the person known only by
     * the lead's email, one unknown) and the internal organizer, 2 action items, 2 competitor mentions,
     * an estimated budget of 50,000 and the seed's qualification insights.
     */
    private MeetingEnded event(World w, long revision) {
        return new MeetingEnded(w.meetingId(), revision, "Demo for " + w.company(), STARTED, ENDED,
                new Person("Olga Organizer", w.organizerEmail()),
                List.of(new Participant("Olga Organizer", w.organizerEmail(), "NIA", "Account Executive", true),
                        new Participant(w.contactName(), w.contactEmail(), w.company(), "CTO", false),
                        new Participant(w.leadName(), w.leadEmail(), w.company(), "Head of Operations", false),
                        new Participant(w.newName(), w.newEmail(), w.company(), "Procurement Lead", false)),
                w.lead(), "They want SSO and a 50-seat pilot in January " + w.tag() + marker + ".", "demo",
                Map.of("budget_discussed", true, "decision_maker_identified", true), new BigDecimal("50000"), "EUR",
                List.of(proposal(w), deepDive(w)),
                List.of(new CompetitorMention("m-1", rival("Globex Suite"), "cheaper per seat", Sentiment.NEGATIVE),
                        new CompetitorMention("m-2", rival("Initech CRM"), "already evaluated last year", Sentiment.NEUTRAL)));
    }

    private static MeetingEnded withBudget(MeetingEnded e, BigDecimal budget) {
        return new MeetingEnded(e.meetingId(), e.revision(), e.title(), e.startedAt(), e.endedAt(), e.organizer(),
                e.participants(), e.leadId(), e.summary(), e.meetingType(), e.qualificationInsights(), budget, e.currency(),
                e.actionItems(), e.competitorMentions());
    }

    private static MeetingEnded corrected(MeetingEnded e, long revision, List<ActionItem> items) {
        return new MeetingEnded(e.meetingId(), revision, e.title(), e.startedAt(), e.endedAt(), e.organizer(),
                e.participants(), e.leadId(), e.summary(), e.meetingType(), e.qualificationInsights(), e.estimatedBudget(),
                e.currency(), items, e.competitorMentions());
    }

    private static Envelope<MeetingEnded> envelope(MeetingEnded e) {
        return Envelope.create(EventTypes.MEETING_ENDED, e.meetingId(), e);
    }

    /** Publishes an envelope as another NIA service does: JSON, keyed by the meeting id; returns the bytes sent. */
    private String publish(Envelope<MeetingEnded> envelope) {
        String json = Json.write(envelope);
        kafka.send(Topics.MEETINGS_ENDED, envelope.payload().meetingId(), json);
        return json;
    }

    // ---- Creatio's state

    private UUID meetingCategory() {
        return creatio.lookup("ActivityCategory", "Meeting");
    }

    private UUID todoCategory() {
        return creatio.lookup("ActivityCategory", "To do");
    }

    private UUID activityStatus(String name) {
        return creatio.lookup("ActivityStatus", name);
    }

    private List<Map<String, Object>> meetingActivities(World w) {
        return creatio.rows("Activity", "Lead/Id eq " + w.leadCreatio() + " and ActivityCategory/Id eq " + meetingCategory(), null);
    }

    private List<Map<String, Object>> tasks(World w) {
        return creatio.rows("Activity", "Lead/Id eq " + w.leadCreatio() + " and ActivityCategory/Id eq " + todoCategory(), null);
    }

    private List<Map<String, Object>> participants(UUID activity) {
        return creatio.rows("ActivityParticipant", "Activity/Id eq " + activity, null);
    }

    private List<Map<String, Object>> creatioContacts(String email) {
        return creatio.rows("Contact", "Email eq '" + email + "'", null);
    }

    private Map<String, Object> creatioLead(World w) {
        return creatio.row("Lead", w.leadCreatio()).orElseThrow();
    }

    private static UUID idOf(Map<String, Object> row) {
        return UUID.fromString(String.valueOf(row.get("Id")));
    }

    private static BigDecimal number(Object value) {
        return value == null ? null : new BigDecimal(String.valueOf(value)).stripTrailingZeros();
    }

    /** The meeting's Creatio records once complete. */
    private record Effects(Map<String, Object> meeting, List<Map<String, Object>> participants, Map<String, Map<String, Object>> tasksByTitle,
            UUID newContact) {
    }

    /**
     * Waits until the event's effects are all in Creatio — the meeting activity, its participant rows,
     * one task per action item, the lead's budget — and checks every one of them (the acceptance's
     * first point; the HTTP path and every replay must end in this same state).
     */
    private Effects awaitEffects(World w, MeetingEnded e, boolean mentionsInNotes) {
        await("the meeting activity linked to the lead").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> !meetingActivities(w).isEmpty());
        List<Map<String, Object>> meetings = meetingActivities(w);
        assertThat(meetings).as("exactly one meeting activity for the lead").hasSize(1);
        Map<String, Object> meeting = meetings.get(0);
        UUID meetingId = idOf(meeting);
        await("2 participant rows: the known contact and the new one").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> participants(meetingId).size() >= 2);
        await("one task per action item").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> tasks(w).size() >= e.actionItems().size());
        await("the lead's budget from the meeting").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> e.estimatedBudget().stripTrailingZeros().equals(number(creatioLead(w).get("Budget"))));
        meeting = creatio.row("Activity", meetingId).orElseThrow();

        // the meeting activity
        assertThat(meetingId).as("Activity.Id allocated from the meeting id (docs/meetings.md)")
                .isEqualTo(Ids.creatioIdFor(EntityType.MEETING, Ids.localIdFor(EntityType.MEETING, e.meetingId())));
        assertThat(meeting.get("Title")).isEqualTo(e.title());
        assertThat(Instant.parse(String.valueOf(meeting.get("StartDate")))).isEqualTo(e.startedAt());
        assertThat(Instant.parse(String.valueOf(meeting.get("DueDate")))).isEqualTo(e.endedAt());
        assertThat(CreatioOData.id(meeting, "StatusId")).as("status Completed").isEqualTo(activityStatus("Completed"));
        assertThat(CreatioOData.id(meeting, "ActivityCategoryId")).isEqualTo(meetingCategory());
        assertThat(CreatioOData.id(meeting, "LeadId")).isEqualTo(w.leadCreatio());
        assertThat(CreatioOData.id(meeting, "OwnerId")).as("the organizer is unknown: the default owner").isEqualTo(DEFAULT_OWNER);
        assertThat(CreatioOData.id(meeting, "ContactId")).as("linked to the contact of the first external participant")
                .isEqualTo(w.contactCreatio());
        String notes = String.valueOf(meeting.get("Notes"));
        assertThat(notes).as("notes from the summary").contains(e.summary());
        if (mentionsInNotes) {
            assertThat(notes).as("the default target of mentions: a block in the notes").contains("Competitors mentioned:");
            e.competitorMentions().forEach(m -> assertThat(notes).contains(m.competitor()));
        } else {
            assertThat(notes).doesNotContain("Competitors mentioned:");
        }

        // participants: the known contact and the unknown one, created as a contact; the lead's person through LeadId
        List<Map<String, Object>> created = creatioContacts(w.newEmail());
        assertThat(created).as("the unknown participant, created once as a contact").hasSize(1);
        UUID newContact = idOf(created.get(0));
        assertThat(String.valueOf(created.get(0).get("Name"))).isEqualTo(w.newName());
        List<Map<String, Object>> rows = participants(meetingId);
        assertThat(rows.stream().map(r -> CreatioOData.id(r, "ParticipantId")).toList())
                .as("participant rows point at contacts: the known one and the new one, nobody else")
                .containsExactlyInAnyOrder(w.contactCreatio(), newContact);
        assertThat(creatioContacts(w.leadEmail())).as("the person known only as a lead is not made a contact").isEmpty();
        assertThat(creatioContacts(w.organizerEmail())).as("internal participants are not synced").isEmpty();
        List<Map<String, Object>> niaNew = sync.contactsByEmail(w.newEmail());
        assertThat(niaNew).as("the new contact in NIA, once").hasSize(1);

        // tasks: one per action item, To do / Task, with owner, due date and the lead
        List<Map<String, Object>> taskRows = tasks(w);
        assertThat(taskRows).as("one task per action item, no more").hasSize(e.actionItems().size());
        Map<String, Map<String, Object>> byTitle = new TreeMap<>();
        taskRows.forEach(t -> byTitle.put(String.valueOf(t.get("Title")), t));
        UUID taskType = creatio.lookup("ActivityType", "Task");
        for (ActionItem item : e.actionItems()) {
            Map<String, Object> task = byTitle.get(item.title());
            assertThat(task).as("the task of " + item.actionItemId() + " among " + byTitle.keySet()).isNotNull();
            assertThat(CreatioOData.id(task, "OwnerId")).as("an owner (the default one: the item's owner is unknown)")
                    .isEqualTo(DEFAULT_OWNER);
            assertThat(String.valueOf(task.get("DueDate"))).as("due date").startsWith(item.dueDate().toString());
            assertThat(CreatioOData.id(task, "LeadId")).isEqualTo(w.leadCreatio());
            assertThat(CreatioOData.id(task, "TypeId")).isEqualTo(taskType);
            assertThat(CreatioOData.id(task, "StatusId")).isNotEqualTo(activityStatus("Canceled"));
            assertThat(CreatioOData.id(task, "PriorityId"))
                    .isEqualTo(creatio.lookup("ActivityPriority", item.priority() == Priority.HIGH ? "High" : "Medium"));
        }

        // the lead, updated through the sync path
        Map<String, Object> lead = creatioLead(w);
        assertThat(number(lead.get("Budget"))).isEqualTo(e.estimatedBudget().stripTrailingZeros());
        assertThat(String.valueOf(lead.get("MeetingDate"))).as("the meeting date").startsWith(DAY.toString());
        assertThat(String.valueOf(lead.get("Commentary"))).as("the meeting's line in the commentary")
                .contains("Meeting " + DAY + " (" + e.meetingType() + "): " + e.title());
        assertThat(CreatioOData.id(lead, "QualifyStatusId")).as("qualified: budget discussed and decision maker identified")
                .isEqualTo(UUID.fromString(DefaultConfiguration.LEAD_STATUS_TO_QUALIFY_STATUS.get("qualified")));
        JsonPath nia = sync.lead(w.lead());
        assertThat(nia.getString("status")).isEqualTo("qualified");
        assertThat(number(nia.get("budget"))).isEqualTo(e.estimatedBudget().stripTrailingZeros());
        assertThat(nia.getString("meeting_type")).isEqualTo(e.meetingType());
        assertThat(nia.getBoolean("budget_discussed")).isTrue();
        assertThat(nia.getBoolean("decision_maker_identified")).isTrue();

        assertNothingDangles(w);
        return new Effects(meeting, rows, byTitle, newContact);
    }

    /**
     * Every reference the lead's activities and their participant rows hold points at a record
     * Creatio has: "whole or not at all" on the Creatio side.
     */
    private void assertNothingDangles(World w) {
        List<Map<String, Object>> activities = creatio.rows("Activity", "Lead/Id eq " + w.leadCreatio(), null);
        for (Map<String, Object> a : activities) {
            String what = "Activity " + a.get("Title") + " ";
            for (String column : List.of("OwnerId", "ContactId")) {
                UUID ref = CreatioOData.id(a, column);
                assertThat(ref == null || creatio.exists("Contact", ref)).as(what + column + " " + ref + " exists").isTrue();
            }
            UUID account = CreatioOData.id(a, "AccountId");
            assertThat(account == null || creatio.exists("Account", account)).as(what + "AccountId exists").isTrue();
            for (Map<String, Object> p : participants(idOf(a))) {
                UUID ref = CreatioOData.id(p, "ParticipantId");
                assertThat(ref).as(what + "participant row without a contact").isNotNull();
                assertThat(creatio.exists("Contact", ref)).as(what + "participant " + ref + " exists").isTrue();
            }
        }
    }

    // ---- writes, settling, consumption

    private static boolean isCreate(Map<String, Object> request, String set) {
        return "POST".equals(request.get("method")) && String.valueOf(request.get("path")).matches(".*[/:]" + set + "$");
    }

    private List<Map<String, Object>> writesSince(Instant since) {
        return sync.requestsSince(since).stream().filter(PullSystemTests::isWrite).toList();
    }

    /** Records whose command is with a worker. */
    private long inFlight() {
        Map<String, Object> byStatus = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when()
                .get("/api/v1/crm/sync/status/").then().statusCode(200).extract().jsonPath().getMap("by_status");
        Object n = byStatus == null ? null : byStatus.get("in_progress");
        return n == null ? 0 : ((Number) n).longValue();
    }

    /** Waits until no command is with a worker and Creatio saw no write for 3 s. */
    private void settle() {
        await("the sync settled").atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> inFlight() == 0
                && writesSince(sync.simulatorNow().minusSeconds(3)).isEmpty());
    }

    /**
     * Waits until every consumer group that reads the topic (sync-api's, whatever its name) has
     * committed every record the topic holds now.
     */
    private void awaitConsumed(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            await("the " + topic + " consumers caught up").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                boolean anyGroup = false;
                for (GroupListing g : admin.listGroups().all().get()) {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(g.groupId())
                            .partitionsToOffsetAndMetadata().get();
                    if (committed.keySet().stream().noneMatch(tp -> tp.topic().equals(topic))) {
                        continue;
                    }
                    anyGroup = true;
                    for (var e : ends.entrySet()) {
                        OffsetAndMetadata c = committed.get(e.getKey());
                        if (e.getValue().offset() > 0 && (c == null || c.offset() < e.getValue().offset())) {
                            return false;
                        }
                    }
                }
                return anyGroup;
            });
        }
    }

    // ---- competitor mentions in NIA

    /** {@code GET /api/v1/crm/competitors/} through the public base URL, as a viewer. */
    private JsonPath competitors(Map<String, Object> query) {
        return given().baseUri(router).auth().oauth2(TestTokens.viewer()).queryParams(query).when()
                .get("/api/v1/crm/competitors/").then().statusCode(200).extract().jsonPath();
    }

    /** Mentions per competitor for a lead ({@code group_by=competitor}). */
    private Map<String, Long> competitorCounts(UUID lead) {
        List<Map<String, Object>> groups = competitors(Map.of("lead_id", lead.toString(), "group_by", "competitor")).getList("items");
        Map<String, Long> counts = new TreeMap<>();
        for (Map<String, Object> g : groups) {
            counts.put(String.valueOf(g.get("competitor")), ((Number) g.get("mentions")).longValue());
        }
        return counts;
    }

    private void assertMentionsQueryable(World w, MeetingEnded e) {
        Map<String, Long> expected = new TreeMap<>();
        e.competitorMentions().forEach(m -> expected.merge(m.competitor(), 1L, Long::sum));
        await("the mentions at GET /api/v1/crm/competitors/").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> competitorCounts(w.lead()).equals(expected));
        List<Map<String, Object>> listed = competitors(Map.of("lead_id", w.lead().toString())).getList("items");
        assertThat(listed).as("the mentions of the lead, listed").hasSize(e.competitorMentions().size());
        for (CompetitorMention m : e.competitorMentions()) {
            assertThat(listed).as(m.competitor()).anySatisfy(item -> assertThat(item)
                    .containsEntry("competitor", m.competitor()).containsEntry("sentiment", m.sentiment().wire())
                    .containsEntry("context", m.context()));
        }
        Map<String, Long> one = new TreeMap<>();
        List<Map<String, Object>> byCompetitor = competitors(Map.of("competitor", e.competitorMentions().get(0).competitor(),
                "group_by", "competitor")).getList("items");
        byCompetitor.forEach(g -> one.put(String.valueOf(g.get("competitor")), ((Number) g.get("mentions")).longValue()));
        assertThat(one).as("filtered by competitor").containsEntry(e.competitorMentions().get(0).competitor(), 1L);
        List<Map<String, Object>> perDay = competitors(Map.of("lead_id", w.lead().toString(), "group_by", "day",
                "since", DAY.toString(), "until", DAY.plusDays(1).toString())).getList("items");
        assertThat(perDay).as("over time: the meeting's day").isNotEmpty()
                .allSatisfy(g -> assertThat(g).containsEntry("period", DAY.toString()));
        assertThat(perDay.stream().mapToLong(g -> ((Number) g.get("mentions")).longValue()).sum())
                .isEqualTo(e.competitorMentions().size());
    }

    // ---- (a) the acceptance's event

    @Test
    void aMeetingWithThreeExternalParticipantsTwoActionItemsAndTwoMentionsBecomesOneActivityTwoParticipantsTwoTasksAndTheLeadUpdated() {
        World w = world("A");
        MeetingEnded e = event(w, 1);

        publish(envelope(e));

        awaitEffects(w, e, true);
        assertMentionsQueryable(w, e);
    }

    /**
     * Issue 19, create-first: the meeting activity, its 2 tasks and its 2 participant rows cost one
     * {@code POST} each, and none of them is read before it exists (before, each create was preceded
     * by a {@code GET} of its allocated id, answered 404).
     */
    @Test
    void aMeetingsActivityTasksAndParticipantRowsAreEachOnePostWithNoReadBeforeTheyExist() {
        World w = world("N");
        MeetingEnded e = event(w, 1);
        Instant before = sync.simulatorNow();

        publish(envelope(e));
        awaitEffects(w, e, true);
        settle();

        List<Map<String, Object>> log = sync.requestsSince(before);
        long creates = log.stream().filter(r -> isCreate(r, "Activity") || isCreate(r, "ActivityParticipant")).count();
        List<Map<String, Object>> readsOfMissing = log.stream().filter(r -> "GET".equals(r.get("method"))
                && Integer.valueOf(404).equals(r.get("status"))
                && String.valueOf(r.get("path")).matches(".*/(Activity|ActivityParticipant)\\([0-9a-fA-F-]{36}\\)$")).toList();
        System.out.printf("MeetingCreateFirst: %d creates of the meeting's activities and participant rows; %d reads of one "
                + "before it existed; %d Creatio requests in all (with this test's own reads)%n", creates, readsOfMissing.size(),
                log.size());
        assertThat(creates).as("the meeting, its 2 tasks and its 2 participant rows: one POST each").isEqualTo(5);
        assertThat(readsOfMissing).as("no record read before it is created").isEmpty();
        // planned together, the activity and its tasks reach the worker in one poll of the real-time lane and share a $batch
        List<Map<String, Object>> activityCreates = log.stream().filter(r -> isCreate(r, "Activity")).toList();
        System.out.printf("MeetingCreateFirst: write round trips %d (%s)%n", writeRoundTrips(log),
                activityCreates.stream().map(r -> r.get("group")).toList());
        assertThat(activityCreates).as("the meeting activity and its 2 tasks").hasSize(3)
                .allMatch(r -> "batch-item".equals(r.get("group")), "created inside a $batch");
    }

    /** HTTP requests that wrote to Creatio: each {@code $batch} once, and each single write. */
    private static long writeRoundTrips(List<Map<String, Object>> log) {
        return log.stream().filter(r -> !"batch-item".equals(r.get("group"))
                && (String.valueOf(r.get("path")).endsWith("$batch") || PullSystemTests.isWrite(r))).count();
    }

    // ---- participants without an email

    @Test
    void participantsWithoutAnEmailAreMatchedByNameAndCompanyAndTheLeadIsFoundThroughThem() {
        World w = world("N");
        MeetingEnded base = event(w, 1);
        // no email and no leadId: the contact and the lead are found by name + company alone
        MeetingEnded e = new MeetingEnded(base.meetingId(), 1L, base.title(), STARTED, ENDED, base.organizer(),
                List.of(new Participant("Olga Organizer", w.organizerEmail(), "NIA", "Account Executive", true),
                        new Participant(w.contactName(), null, w.company(), "CTO", false),
                        new Participant(" " + w.leadName().toUpperCase(Locale.ROOT) + " ", null, w.company(), null, false)),
                null, base.summary(), base.meetingType(), base.qualificationInsights(), base.estimatedBudget(), base.currency(),
                base.actionItems(), base.competitorMentions());

        publish(envelope(e));

        await("the meeting activity on the lead the participants matched").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> !meetingActivities(w).isEmpty());
        UUID meeting = idOf(meetingActivities(w).get(0));
        await("the known contact's participant row").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> !participants(meeting).isEmpty());
        await("both tasks").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> tasks(w).size() >= 2);
        settle();
        assertThat(meetingActivities(w)).hasSize(1);
        assertThat(participants(meeting).stream().map(r -> CreatioOData.id(r, "ParticipantId")).toList())
                .as("the contact found by name and company; the lead's person through LeadId only").containsExactly(w.contactCreatio());
        assertThat(creatio.rows("Contact", "contains(Name,'" + w.tag() + marker + "')", "Id,Name"))
                .as("nobody created: the contact that was there, no copy of the lead's person")
                .extracting(r -> r.get("Name")).containsExactly(w.contactName());
        assertThat(tasks(w)).hasSize(2);
        assertNothingDangles(w);
    }

    // ---- (b) the new contact's creation fails in Creatio

    @Test
    void whileCreatingTheNewContactFailsNothingPointsAtAMissingRecordAndOnceCreatioRecoversTheEffectsComplete() {
        World w = world("B");
        MeetingEnded e = event(w, 1);
        Instant before = sync.simulatorNow();
        sync.fault(Map.of("group", "odata", "entitySet", "Contact", "methods", List.of("POST"), "action", "error", "status", 503));
        try {
            publish(envelope(e));
            await("a refused Contact create").atMost(WITHIN).pollInterval(Duration.ofMillis(250))
                    .until(() -> sync.requestsSince(before).stream().anyMatch(r -> isCreate(r, "Contact")
                            && Integer.valueOf(503).equals(r.get("status"))));
            // the NIA side was written whole, the new contact included
            await("the new contact in NIA").atMost(WITHIN).until(() -> sync.contactsByEmail(w.newEmail()).size() == 1);
            // for a while, whatever else got through: at every look, nothing in Creatio points at a record it does not have
            java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();
            await("nothing dangling while the contact is refused").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertNothingDangles(w);
                assertThat(creatioContacts(w.newEmail())).as("the refused contact").isEmpty();
                return looks.incrementAndGet() >= 12;
            });
            List<Map<String, Object>> meetingsMeanwhile = meetingActivities(w);
            System.out.printf("RefusedContact: while the contact was refused Creatio held %d meeting activity, %d participant row(s), "
                    + "%d task(s)%n", meetingsMeanwhile.size(), meetingsMeanwhile.isEmpty() ? 0
                    : participants(idOf(meetingsMeanwhile.get(0))).size(), tasks(w).size());
        } finally {
            sync.clearFaults();
        }
        // Creatio is back: the contact's retry (or, past its attempts, an operator's retry) releases what waited
        UUID newContact = UUID.fromString(String.valueOf(sync.contactsByEmail(w.newEmail()).get(0).get("id")));
        if (sync.syncState(EntityType.CONTACT, newContact).map(s -> "failed".equals(s.getString("status"))).orElse(false)) {
            given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                    .body(Map.of("ids", List.of(newContact.toString()))).when().post("/api/v1/crm/sync/retry-failed/")
                    .then().statusCode(202);
        }
        Effects effects = awaitEffects(w, e, true);
        assertThat(sync.awaitStatus(EntityType.CONTACT, newContact, "synced", WITHIN).getString("creatio_id"))
                .isEqualTo(effects.newContact().toString());
    }

    // ---- (c) delivered three times

    @Test
    void theSameEventDeliveredThreeTimesLeavesTheSameCreatioStateAndTheSameWriteCallsAsOnce() throws Exception {
        World w = world("C");
        MeetingEnded e = event(w, 1);
        Envelope<MeetingEnded> envelope = envelope(e);
        Instant before = sync.simulatorNow();

        String bytes = publish(envelope);
        Effects once = awaitEffects(w, e, true);
        settle();
        List<Map<String, Object>> writesOnce = writesSince(before);
        Map<String, Long> mentionsOnce = competitorCounts(w.lead());

        // Kafka delivers the same record twice more (a consumer restart before its commit, a replay of the topic)
        Instant afterFirst = sync.simulatorNow();
        kafka.send(Topics.MEETINGS_ENDED, e.meetingId(), bytes);
        kafka.send(Topics.MEETINGS_ENDED, e.meetingId(), bytes);
        awaitConsumed(Topics.MEETINGS_ENDED);
        settle();
        List<Map<String, Object>> writesAfter = writesSince(afterFirst);
        System.out.printf("ThreeDeliveries: %d Creatio writes for the first delivery %s; %d for the two more %s%n",
                writesOnce.size(), summary(writesOnce), writesAfter.size(), summary(writesAfter));

        assertThat(writesAfter).as("no Creatio write for the two redeliveries").isEmpty();
        Effects thrice = awaitEffects(w, e, true);
        assertThat(state(thrice)).as("the same Creatio state").isEqualTo(state(once));
        assertThat(competitorCounts(w.lead())).as("no mention counted twice").isEqualTo(mentionsOnce);

        // the producer replays the meeting as a new event (another event id, the same revision): nothing changes either
        Instant afterReplay = sync.simulatorNow();
        publish(envelope(e));
        awaitConsumed(Topics.MEETINGS_ENDED);
        settle();
        assertThat(writesSince(afterReplay)).as("no Creatio write for the same revision under another event id").isEmpty();
        assertThat(state(awaitEffects(w, e, true))).isEqualTo(state(once));
    }

    /** What must not change: ids, references and values of the meeting, its participants and tasks (not ModifiedOn). */
    private static Map<String, Object> state(Effects effects) {
        Map<String, Object> s = new TreeMap<>();
        List<String> columns = List.of("Id", "Title", "StartDate", "DueDate", "StatusId", "OwnerId", "LeadId", "ContactId",
                "ActivityCategoryId", "TypeId", "PriorityId", "Notes", "CreatedOn");
        Consumer<Map<String, Object>> put = row -> {
            Map<String, Object> kept = new TreeMap<>();
            columns.stream().filter(row::containsKey).forEach(c -> kept.put(c, row.get(c)));
            s.put("activity " + row.get("Id"), kept);
        };
        put.accept(effects.meeting());
        effects.tasksByTitle().values().forEach(put);
        effects.participants().forEach(p -> s.put("participant " + p.get("Id"), p.get("ActivityId") + "/" + p.get("ParticipantId")));
        s.put("new contact", effects.newContact());
        return s;
    }

    private static Map<String, Integer> summary(List<Map<String, Object>> writes) {
        Map<String, Integer> byCall = new TreeMap<>();
        writes.forEach(r -> byCall.merge(r.get("method") + " " + String.valueOf(r.get("path")).replaceAll("[0-9a-fA-F-]{36}", "{id}"),
                1, Integer::sum));
        return byCall;
    }

    // ---- (d) a corrected event

    @Test
    void aCorrectedEventEditingOneActionItemAndDroppingTheOtherUpdatesOneTaskCancelsOneAndAddsNone() {
        World w = world("D");
        MeetingEnded first = event(w, 1);
        publish(envelope(first));
        Effects before = awaitEffects(w, first, true);
        settle();
        UUID kept = idOf(before.tasksByTitle().get(proposal(w).title()));
        UUID dropped = idOf(before.tasksByTitle().get(deepDive(w).title()));

        ActionItem edited = new ActionItem("ai-1", "Send the revised proposal to " + w.company(), "Pricing for 80 seats",
                w.organizerEmail(), "Olga Organizer", DAY.plusDays(10), Priority.HIGH);
        Instant sent = sync.simulatorNow();
        publish(envelope(corrected(first, 2, List.of(edited))));

        UUID canceled = activityStatus("Canceled");
        await("the edited item's task updated").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> {
            Map<String, Object> t = creatio.row("Activity", kept).orElseThrow();
            return edited.title().equals(t.get("Title")) && String.valueOf(t.get("DueDate")).startsWith(edited.dueDate().toString());
        });
        await("the dropped item's task canceled").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> canceled.equals(CreatioOData.id(creatio.row("Activity", dropped).orElseThrow(), "StatusId")));
        settle();

        List<Map<String, Object>> tasks = tasks(w);
        assertThat(tasks.stream().map(MeetingSystemTests::idOf).toList()).as("0 added, none deleted")
                .containsExactlyInAnyOrder(kept, dropped);
        assertThat(CreatioOData.id(creatio.row("Activity", kept).orElseThrow(), "StatusId")).as("the kept task is not canceled")
                .isNotEqualTo(canceled);
        assertThat(writesSince(sent).stream().filter(r -> isCreate(r, "Activity"))).as("no Activity created").isEmpty();
        assertThat(meetingActivities(w)).as("still one meeting activity").hasSize(1);
        assertNothingDangles(w);
    }

    // ---- (e) the salesperson's edit in Creatio

    @Test
    void aMeetingDerivedBudgetThatTheSalespersonAlsoEditedInCreatioIsAConflictNotAnOverwrite() {
        World w = world("E");
        sync.userEdits("Lead", w.leadCreatio(), Map.of("Budget", 2000));
        MeetingEnded e = withBudget(event(w, 1), new BigDecimal("5000"));

        publish(envelope(e));

        await("the meeting activity").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> !meetingActivities(w).isEmpty());
        Map<String, Object> conflict = awaitConflict(w.lead(), "pending");
        assertThat(conflict).containsEntry("conflict_type", "field_mismatch").containsEntry("field", "Budget")
                .containsEntry("policy", "manual");
        assertThat(number(conflict.get("creatio_value"))).isEqualTo(number(2000));
        assertThat(number(conflict.get("nia_value"))).isEqualTo(number(5000));
        assertThat(number(conflict.get("base_value"))).isEqualTo(number(1000));
        assertThat(number(creatioLead(w).get("Budget"))).as("the salesperson's value stays in Creatio").isEqualTo(number(2000));
        assertThat(number(sync.lead(w.lead()).get("budget"))).as("the meeting's value in NIA").isEqualTo(number(5000));
        assertThat(sync.syncState(EntityType.LEAD, w.lead()).orElseThrow().getList("open_fields")).contains("Budget");
    }

    private List<Map<String, Object>> conflicts(UUID localId, String status) {
        return given().baseUri(router).auth().oauth2(TestTokens.operator()).queryParam("entity_id", localId)
                .queryParam("status", status).when().get("/api/v1/crm/conflicts/").then().statusCode(200).extract().jsonPath()
                .getList("items");
    }

    private Map<String, Object> awaitConflict(UUID localId, String status) {
        await("a " + status + " conflict").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> !conflicts(localId, status).isEmpty());
        return conflicts(localId, status).get(0);
    }

    // ---- (f) malformed events

    @Test
    void malformedEventsLandOnTheDeadLetterTopicWithTheirReasonAndTheNextValidEventOnThePartitionIsProcessed() {
        World w = world("F");
        MeetingEnded valid = event(w, 1);
        // no title, and ended before it started
        MeetingEnded invalid = new MeetingEnded(valid.meetingId(), 1L, null, STARTED, STARTED.minusSeconds(60), valid.organizer(),
                valid.participants(), valid.leadId(), valid.summary(), valid.meetingType(), valid.qualificationInsights(),
                valid.estimatedBudget(), valid.currency(), valid.actionItems(), valid.competitorMentions());
        String badPayload = publish(envelope(invalid));
        Envelope<MeetingEnded> v1 = envelope(valid);
        String futureVersion = Json.write(new Envelope<>(v1.eventId(), v1.type(), 99, v1.aggregateId(), v1.correlationId(), null, null,
                v1.occurredAt(), v1.payload()));
        kafka.send(Topics.MEETINGS_ENDED, valid.meetingId(), futureVersion);
        String notJson = "{\"eventId\": \"" + UUID.randomUUID() + "\", \"type\": \"nia.meeting.ended\", \"payload\": {";
        kafka.send(Topics.MEETINGS_ENDED, valid.meetingId(), notJson);
        // the next valid event, same key, so the same partition, behind the three bad ones
        publish(envelope(valid));

        awaitEffects(w, valid, true);

        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.DEAD_LETTERS,
                rs -> rs.stream().filter(r -> valid.meetingId().equals(r.key())).count() >= 3, WITHIN);
        List<ConsumerRecord<String, String>> ours = dead.stream().filter(r -> valid.meetingId().equals(r.key())).toList();
        assertThat(ours).as("the three bad records, and only they").hasSize(3);
        ConsumerRecord<String, String> schema = letter(ours, badPayload);
        assertThat(TestKafka.header(schema, DeadLetterHeaders.REASON)).startsWith(DeadLetterHeaders.REASON_INVALID_EVENT)
                .contains("/payload/title").contains("/payload/endedAt");
        assertThat(TestKafka.header(schema, DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.MEETINGS_ENDED);
        ConsumerRecord<String, String> version = letter(ours, futureVersion);
        assertThat(TestKafka.header(version, DeadLetterHeaders.REASON)).contains("schema version").contains("99");
        assertThat(TestKafka.header(version, DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.MEETINGS_ENDED);
        ConsumerRecord<String, String> garbage = letter(ours, notJson);
        assertThat(TestKafka.header(garbage, DeadLetterHeaders.REASON)).isNotBlank();
    }

    private static ConsumerRecord<String, String> letter(List<ConsumerRecord<String, String>> letters, String original) {
        return letters.stream().filter(r -> original.equals(r.value())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter holds the original bytes " + original));
    }

    // ---- (g) the seed's HTTP paths

    /** The event as the seed's {@code meeting_data}: the same fields in snake_case. */
    private static Map<String, Object> meetingData(MeetingEnded e) {
        ObjectMapper snake = Json.newMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        @SuppressWarnings("unchecked")
        Map<String, Object> data = snake.convertValue(e, Map.class);
        return data;
    }

    private Response post(String path, Map<String, Object> body) {
        return given().baseUri(router).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(Json.write(body))
                .when().post(path);
    }

    @Test
    void theHttpEquivalentsProduceTheSameCreatioStateAsTheEvent() {
        World w = world("G");
        MeetingEnded e = event(w, 1);
        Map<String, Object> body = Map.of("meeting_data", meetingData(e));

        Response created = post("/api/v1/crm/sync/create-activity/", body);
        assertThat(created.statusCode()).as("create-activity: " + created.asString()).isBetween(200, 202);

        awaitEffects(w, e, true);
        assertMentionsQueryable(w, e);

        // the seed's update-lead-from-meeting, with the seed's own meeting_data
        Map<String, Object> update = Map.of("lead_id", w.lead().toString(), "meeting_data", Map.of(
                "qualification_insights", Map.of("budget_discussed", true, "decision_maker_identified", true),
                "meeting_type", "negotiation", "estimated_budget", 75000));
        Response updated = post("/api/v1/crm/sync/update-lead-from-meeting/", update);
        assertThat(updated.statusCode()).as("update-lead-from-meeting: " + updated.asString()).isBetween(200, 202);
        await("the lead's new budget in Creatio").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                .until(() -> number(75000).equals(number(creatioLead(w).get("Budget"))));
        assertThat(sync.lead(w.lead()).getString("meeting_type")).isEqualTo("negotiation");
        assertThat(meetingActivities(w)).as("no second meeting activity").hasSize(1);

        // the same request again creates nothing twice
        Instant again = sync.simulatorNow();
        assertThat(post("/api/v1/crm/sync/create-activity/", body).statusCode()).isBetween(200, 202);
        settle();
        assertThat(writesSince(again).stream().filter(r -> isCreate(r, "Activity") || isCreate(r, "ActivityParticipant")
                || isCreate(r, "Contact"))).as("the same meeting posted again creates nothing").isEmpty();
    }

    // ---- (h) mentions as rows of a custom entity set

    @Test
    void withTheEntitySetTargetMentionsAreRowsOfTheCustomEntitySetAndNotInTheNotes() {
        withMeetingSettings(m -> {
            m.put("competitor_target", "entity_set");
            m.put("competitor_entity_set", "UsrCompetitorMention");
        }, () -> {
            World w = world("H");
            MeetingEnded e = event(w, 1);
            publish(envelope(e));

            Effects effects = awaitEffects(w, e, false);
            UUID activity = idOf(effects.meeting());
            await("the mentions as UsrCompetitorMention rows").atMost(WITHIN).pollInterval(Duration.ofMillis(500))
                    .until(() -> creatio.rows("UsrCompetitorMention", "UsrActivity/Id eq " + activity, null).size()
                            >= e.competitorMentions().size());
            List<Map<String, Object>> rows = creatio.rows("UsrCompetitorMention", "UsrActivity/Id eq " + activity, null);
            assertThat(rows).hasSize(e.competitorMentions().size());
            for (CompetitorMention m : e.competitorMentions()) {
                assertThat(rows).as(m.competitor()).anySatisfy(r -> {
                    assertThat(r).containsEntry("UsrName", m.competitor()).containsEntry("UsrContext", m.context());
                    assertThat(String.valueOf(r.get("UsrSentiment"))).isEqualToIgnoringCase(m.sentiment().wire());
                    assertThat(CreatioOData.id(r, "UsrLeadId")).isEqualTo(w.leadCreatio());
                });
            }
            assertThat(String.valueOf(creatio.row("Activity", activity).orElseThrow().get("Notes")))
                    .contains(e.summary()).doesNotContain("Competitors mentioned:");
            assertMentionsQueryable(w, e);
        });
    }

    // ---- owners: the owner map, a contact with the email, the default owner

    @Test
    void ownersComeFromTheOwnerMapThenFromAContactWithTheEmailThenFromTheDefaultOwner() {
        UUID salesperson = sync.userCreates("Contact", Map.of("Name", "Sally Sales" + marker,
                "Email", "sally.sales." + marker + "@seller.example"));
        World w = world("O");
        withMeetingSettings(m -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> ownerMap = m.get("owner_map") == null ? new LinkedHashMap<>()
                    : new LinkedHashMap<>((Map<String, Object>) m.get("owner_map"));
            ownerMap.put(w.organizerEmail(), salesperson.toString());
            m.put("owner_map", ownerMap);
        }, () -> {
            MeetingEnded base = event(w, 1);
            ActionItem byContact = new ActionItem("ai-1", "Share the security whitepaper " + marker, null, w.contactEmail(),
                    w.contactName(), DAY.plusDays(3), Priority.LOW);
            ActionItem byNobody = new ActionItem("ai-2", "Check references " + marker, null,
                    "nobody." + marker + "@elsewhere.example", "Nobody", DAY.plusDays(5), Priority.MEDIUM);
            MeetingEnded e = corrected(base, 1, List.of(byContact, byNobody));
            publish(envelope(e));

            await("the meeting activity").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> !meetingActivities(w).isEmpty());
            await("both tasks").atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> tasks(w).size() >= 2);
            assertThat(CreatioOData.id(meetingActivities(w).get(0), "OwnerId")).as("organizer in the owner map")
                    .isEqualTo(salesperson);
            Map<String, UUID> owners = new TreeMap<>();
            tasks(w).forEach(t -> owners.put(String.valueOf(t.get("Title")), CreatioOData.id(t, "OwnerId")));
            assertThat(owners).as("owner found as the NIA contact with the email, linked to Creatio")
                    .containsEntry(byContact.title(), w.contactCreatio());
            assertThat(owners).as("nobody with the email: the default owner").containsEntry(byNobody.title(), DEFAULT_OWNER);
            assertNothingDangles(w);
        });
    }
}
