package com.nia.crmsync.syncapi.pull;

import static com.nia.crmsync.syncapi.sync.SyncTestSupport.agreedBase;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.envelope;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.only;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.pull.PullPaging;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.PulledPage;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.FakeGateway;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.entity.Meeting;
import com.nia.crmsync.syncapi.entity.MeetingTask;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/**
 * Activities both ways, NIA side: the task pull reads Creatio's activities; one linked to an NIA task
 * is merged like any pulled record, one created in Creatio for a synced lead becomes an NIA task or
 * meeting (by its category), one pointing at nothing NIA knows is left alone; history before the
 * first activity pull is not read.
 */
@QuarkusTest
@SyncApiInfrastructure
class ActivityPullTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    IncrementalPull pull;

    @Inject
    SyncTestSupport support;

    @Inject
    EntityManager em;

    @BeforeEach
    void noPullState() {
        FakeGateway.reset();
        support.sql("DELETE FROM pull_watermark");
    }

    @Test
    void activitiesCreatedInCreatioForASyncedLeadBecomeNiaTasksAndMeetingsAndOthersAreLeftAlone() {
        UUID lead = support.newLead();
        UUID leadCreatio = linkLead(lead);
        Instant before = Instant.now();
        assertThat(QuarkusTransaction.requiringNew().call(() -> pull.start(EntityType.TASK, false, null)))
                .isEqualTo(IncrementalPull.Start.STARTED);
        Object[] state = state();
        assertThat(instant(state[1])).as("the first activity pull starts now: Creatio's history stays there")
                .isBetween(before.minusSeconds(1), Instant.now());

        UUID task = UUID.randomUUID();
        UUID meeting = UUID.randomUUID();
        UUID stranger = UUID.randomUUID();
        Instant due = Instant.parse("2026-12-09T22:00:00Z");
        IncrementalPull.PageApplied applied = answerPage(
                activity(task, leadCreatio, FakeGateway.TODO_CATEGORY, "Call back about pricing", due, "not_started"),
                activity(meeting, leadCreatio, FakeGateway.MEETING_CATEGORY, "Site visit", due, "completed"),
                activity(stranger, UUID.randomUUID(), FakeGateway.TODO_CATEGORY, "Someone else's", due, "not_started"));

        assertThat(applied.created()).isEqualTo(2);
        MeetingTask t = QuarkusTransaction.requiringNew().call(() -> em.find(MeetingTask.class,
                Ids.localIdFor(EntityType.TASK, "creatio:" + task)));
        assertThat(t.origin).isEqualTo("creatio");
        assertThat(t.leadId).isEqualTo(lead);
        assertThat(t.meetingId).isNull();
        assertThat(t.title).isEqualTo("Call back about pricing");
        assertThat(t.dueAt).isEqualTo(due);
        assertThat(t.dueDate).isEqualTo(LocalDate.of(2026, 12, 9));
        assertThat(t.status).isEqualTo("not_started");
        Meeting m = QuarkusTransaction.requiringNew().call(() -> em.find(Meeting.class,
                Ids.localIdFor(EntityType.MEETING, "creatio:" + meeting)));
        assertThat(m.origin).isEqualTo("creatio");
        assertThat(m.leadId).isEqualTo(lead);
        assertThat(m.title).isEqualTo("Site visit");
        assertThat(rowOf(EntityType.TASK, t.id).creatioId).isEqualTo(task);
        assertThat(rowOf(EntityType.MEETING, m.id).creatioId).isEqualTo(meeting);
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(s) from CreatioSync s where s.creatioId = ?1", Long.class).setParameter(1, stranger).getSingleResult()))
                .as("an activity of nothing NIA syncs is not imported").isZero();
        // each imported one gets its first merge with the pulled snapshot, so nothing is read again
        SyncCommand first = only(bulkCommands(EntityType.TASK, t.id, 1)).payload() instanceof SyncCommand c ? c : null;
        assertThat(first.creatioSnapshot()).isNotNull();
        assertThat(first.entity().creatioId()).isEqualTo(task);
    }

    @Test
    void aPulledChangeOfATaskNiaMadeIsPlannedForThatTaskAndOfAMeetingForThatMeeting() {
        UUID lead = support.newLead();
        UUID leadCreatio = linkLead(lead);
        UUID taskId = Ids.localIdFor(EntityType.TASK, "m-" + UUID.randomUUID() + "/a1");
        UUID taskCreatio = Ids.creatioIdFor(EntityType.TASK, taskId);
        persistTask(taskId, "Send the datasheet", lead);
        support.sql("INSERT INTO creatio_sync (entity_type, local_id, creatio_id, status, updated_at, created_at) "
                + "VALUES ('task', ?1, ?2, 'synced', now(), now())", taskId, taskCreatio);
        QuarkusTransaction.requiringNew().call(() -> pull.start(EntityType.TASK, false, Instant.now().minusSeconds(60)));

        IncrementalPull.PageApplied applied = answerPage(activity(taskCreatio, leadCreatio, FakeGateway.TODO_CATEGORY,
                "Send the datasheet", Instant.parse("2026-12-10T09:00:00Z"), "completed"));

        assertThat(applied.created()).isZero();
        SyncCommand c = (SyncCommand) only(bulkCommands(EntityType.TASK, taskId, 1)).payload();
        assertThat(c.entity().creatioId()).isEqualTo(taskCreatio);
        assertThat(c.creatioSnapshot().values()).containsEntry("StatusId", DefaultConfiguration.ACTIVITY_STATUS.get("completed"));
    }

    @Test
    void ourOwnTaskPulledBeforeItsCreateResultIsLinkedToItsTaskNotImportedAgain() {
        UUID lead = support.newLead();
        UUID leadCreatio = linkLead(lead);
        UUID taskId = Ids.localIdFor(EntityType.TASK, "m-" + UUID.randomUUID() + "/a2");
        UUID taskCreatio = Ids.creatioIdFor(EntityType.TASK, taskId);
        persistTask(taskId, "Book a deep-dive", lead);
        // its create is with a worker: written in Creatio under the allocated id, the result not applied yet
        support.sql("INSERT INTO creatio_sync (entity_type, local_id, status, pending_command_id, updated_at, created_at) "
                + "VALUES ('task', ?1, 'in_progress', ?2, now(), now())", taskId, UUID.randomUUID());
        QuarkusTransaction.requiringNew().call(() -> pull.start(EntityType.TASK, false, Instant.now().minusSeconds(60)));

        IncrementalPull.PageApplied applied = answerPage(activity(taskCreatio, leadCreatio, FakeGateway.TODO_CATEGORY,
                "Book a deep-dive", Instant.parse("2026-12-10T09:00:00Z"), "not_started"));

        assertThat(applied.created()).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.find(MeetingTask.class,
                Ids.localIdFor(EntityType.TASK, "creatio:" + taskCreatio)))).as("no second NIA task for our own activity").isNull();
        CreatioSync row = rowOf(EntityType.TASK, taskId);
        assertThat(row.creatioId).isEqualTo(taskCreatio);
        assertThat(row.replanRequested).as("planned again after its create's result, reading Creatio then").isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "select count(s) from CreatioSync s where s.creatioId = ?1", Long.class).setParameter(1, taskCreatio).getSingleResult()))
                .isEqualTo(1L);
    }

    /** An open NIA task of no meeting on the lead. */
    private void persistTask(UUID taskId, String title, UUID lead) {
        QuarkusTransaction.requiringNew().run(() -> {
            MeetingTask t = new MeetingTask();
            t.id = taskId;
            t.title = title;
            t.priority = "medium";
            t.status = "not_started";
            t.leadId = lead;
            t.createdAt = Instant.now();
            t.updatedAt = t.createdAt;
            em.persist(t);
        });
    }

    private UUID linkLead(UUID lead) {
        String key = EntityKey.kafkaKey(EntityType.LEAD, lead);
        Envelope<Command> command = kafka.readUntil(Topics.COMMANDS_REALTIME, rs -> rs.stream().anyMatch(r -> key.equals(r.key())),
                Duration.ofSeconds(30)).stream().filter(r -> key.equals(r.key())).map(r -> Json.readEnvelope(r.value(), Command.class))
                .findFirst().orElseThrow();
        support.apply(envelope(command, SyncTestSupport.answer(command, Outcome.SYNCED).newBase(agreedBase(sync(command))).build()));
        return sync(command).allocatedCreatioId();
    }

    private static PulledPage.Record activity(UUID id, UUID leadCreatio, UUID category, String title, Instant due, String status) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Id", id.toString());
        v.put("Title", title);
        v.put("StartDate", "2026-12-01T10:00:00Z");
        v.put("DueDate", due.toString());
        v.put("StatusId", DefaultConfiguration.ACTIVITY_STATUS.get(status));
        v.put("PriorityId", DefaultConfiguration.ACTIVITY_PRIORITY.get("high"));
        v.put("LeadId", leadCreatio.toString());
        v.put("ContactId", null);
        v.put("OwnerId", UUID.randomUUID().toString());
        v.put("ActivityCategoryId", category.toString());
        v.put("Notes", null);
        return new PulledPage.Record(id, Instant.now(), v);
    }

    private Object[] state() {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT in_flight_command_id, watermark FROM pull_watermark WHERE entity_type = 'task'").getSingleResult());
    }

    private static Instant instant(Object o) {
        return o instanceof java.sql.Timestamp t ? t.toInstant() : o instanceof java.time.OffsetDateTime d ? d.toInstant() : (Instant) o;
    }

    private CreatioSync rowOf(EntityType type, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from CreatioSync where entityType = ?1 and localId = ?2", CreatioSync.class)
                .setParameter(1, type.wire()).setParameter(2, id).getSingleResult());
    }

    private IncrementalPull.PageApplied answerPage(PulledPage.Record... records) {
        UUID inFlight = (UUID) state()[0];
        SyncCommand command = SyncCommand.builder(PullPaging.pullKey(EntityType.TASK), Operation.PULL_PAGE, Lane.BULK, 1)
                .commandId(inFlight).build();
        Envelope<Command> envelope = Envelope.command(command, inFlight);
        SyncResult result = SyncResult.answering(command, Outcome.SYNCED, "test-worker")
                .pulledPage(new PulledPage(Instant.EPOCH, 1000, 0, false, List.of(records))).build();
        List<IncrementalPull.PageApplied> applied = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> applied.add(pull.apply(Envelope.result(envelope, result))));
        return applied.get(0);
    }

    private List<Envelope<Command>> bulkCommands(EntityType type, UUID id, int expected) {
        String key = EntityKey.kafkaKey(type, id);
        return kafka.readUntil(Topics.COMMANDS_BULK, rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= expected,
                Duration.ofSeconds(30)).stream().filter(r -> key.equals(r.key())).map(r -> Json.readEnvelope(r.value(), Command.class))
                .toList();
    }
}
