package com.nia.crmsync.syncapi.planning;

import static com.nia.crmsync.syncapi.sync.SyncTestSupport.agreedBase;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.answer;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.envelope;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.only;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

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
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.syncapi.FakeGateway;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.service.ContactInput;
import com.nia.crmsync.syncapi.entity.Meeting;
import com.nia.crmsync.syncapi.entity.MeetingParticipant;
import com.nia.crmsync.syncapi.entity.MeetingTask;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.service.ContactService;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/**
 * A meeting's records go to Creatio only when what they point at exists there: the meeting and its
 * tasks wait for the lead and contact to be linked, a participant for the meeting and its contact;
 * the wait check plans each once its wait is over, with the Creatio ids in the snapshot.
 */
@QuarkusTest
@SyncApiInfrastructure
class MeetingDependenciesTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncTestSupport support;

    @Inject
    ContactService contacts;

    @Inject
    MeetingDependencies dependencies;

    @Inject
    EntityManager em;

    @Inject
    CreatioSyncRepository syncs;

    @Test
    void aMeetingWaitsForItsLeadAndContactThenGoesWithTheirCreatioIdsAndItsParticipantAfterIt() {
        FakeGateway.reset();
        UUID lead = support.newLead();
        UUID contact = contacts.create(new ContactInput("Grace Hopper", SyncTestSupport.email(), null, "Rear Admiral", "Navy"), null)
                .view().id();
        UUID owner = UUID.randomUUID();
        String key = "meeting-" + UUID.randomUUID();
        UUID meeting = Ids.localIdFor(EntityType.MEETING, key);
        UUID task = Ids.localIdFor(EntityType.TASK, key + "/a1");
        UUID participant = UUID.randomUUID();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        QuarkusTransaction.requiringNew().run(() -> {
            Meeting m = meeting(key, "Discovery call", lead, owner);
            m.startedAt = start;
            m.endedAt = start.plus(Duration.ofMinutes(45));
            m.contactId = contact;
            m.summary = "They need SSO";
            m.notes = "They need SSO";
            em.persist(m);
            MeetingTask t = task(key, "Send the SSO datasheet", lead, owner);
            t.dueDate = LocalDate.of(2026, 12, 4);
            em.persist(t);
            MeetingParticipant p = new MeetingParticipant();
            p.id = participant;
            p.meetingId = meeting;
            p.position = 0;
            p.name = "Grace Hopper";
            p.contactId = contact;
            p.matchRule = "email_contact";
            p.createdAt = Instant.now();
            p.updatedAt = p.createdAt;
            em.persist(p);
            em.flush();
            dependencies.afterIntake(meeting);
        });

        // nothing goes before the lead and the contact exist in Creatio
        assertThat(row(EntityType.MEETING, meeting).lastError).startsWith(MeetingDependencies.WAITING).contains("lead " + lead)
                .contains("contact " + contact);
        assertThat(row(EntityType.TASK, task).lastError).startsWith(MeetingDependencies.WAITING).contains("lead " + lead);
        assertThat(row(EntityType.ACTIVITY_PARTICIPANT, participant).lastError).contains("meeting " + meeting);
        dependencies.releaseWaiting();
        assertThat(commandsOf(EntityType.MEETING, meeting, 0)).isEmpty();

        UUID leadCreatio = link(EntityType.LEAD, lead);
        UUID contactCreatio = link(EntityType.CONTACT, contact);
        dependencies.releaseWaiting(); // (the scheduled check may have been first)

        SyncCommand m = sync(only(commandsOf(EntityType.MEETING, meeting, 1)));
        assertThat(m.lane()).isEqualTo(Lane.REALTIME);
        assertThat(m.operation()).isEqualTo(Operation.UPSERT);
        assertThat(m.allocatedCreatioId()).isEqualTo(Ids.creatioIdFor(EntityType.MEETING, meeting));
        assertThat(m.niaSnapshot()).containsEntry("Title", "Discovery call").containsEntry("LeadId", leadCreatio.toString())
                .containsEntry("ContactId", contactCreatio.toString()).containsEntry("OwnerId", owner.toString())
                .containsEntry("ActivityCategoryId", FakeGateway.MEETING_CATEGORY.toString())
                .containsEntry("StatusId", DefaultConfiguration.ACTIVITY_STATUS.get("completed"))
                .containsEntry("Notes", "They need SSO");
        SyncCommand t = sync(only(commandsOf(EntityType.TASK, task, 1)));
        assertThat(t.niaSnapshot()).containsEntry("Title", "Send the SSO datasheet").containsEntry("LeadId", leadCreatio.toString())
                .containsEntry("ActivityCategoryId", FakeGateway.TODO_CATEGORY.toString())
                .containsEntry("PriorityId", DefaultConfiguration.ACTIVITY_PRIORITY.get("high"))
                .containsEntry("DueDate", "2026-12-04T12:00:00Z");
        // the participant still waits: the meeting's activity is not in Creatio yet
        assertThat(row(EntityType.ACTIVITY_PARTICIPANT, participant).lastError).contains("meeting " + meeting)
                .doesNotContain("contact " + contact);

        UUID meetingCreatio = answerSynced(EntityType.MEETING, meeting);
        dependencies.releaseWaiting();
        SyncCommand p = sync(only(commandsOf(EntityType.ACTIVITY_PARTICIPANT, participant, 1)));
        assertThat(p.niaSnapshot()).containsEntry("ActivityId", meetingCreatio.toString())
                .containsEntry("ParticipantId", contactCreatio.toString());

        // the same meeting offered again (a redelivered event) plans nothing new
        QuarkusTransaction.requiringNew().run(() -> dependencies.afterIntake(meeting));
        assertThat(commandsOf(EntityType.MEETING, meeting, 0)).hasSize(1);
    }

    @Test
    void aMeetingWithoutAnOwnerWaitsAndSaysSo() {
        FakeGateway.reset();
        String key = "meeting-" + UUID.randomUUID();
        UUID meeting = Ids.localIdFor(EntityType.MEETING, key);
        QuarkusTransaction.requiringNew().run(() -> {
            Meeting m = new Meeting();
            m.id = meeting;
            m.meetingKey = key;
            m.title = "Ownerless";
            m.startedAt = Instant.now().minusSeconds(600);
            m.endedAt = Instant.now();
            m.organizerEmail = "nobody@nia.example";
            m.status = "completed";
            m.createdAt = Instant.now();
            m.updatedAt = m.createdAt;
            em.persist(m);
            em.flush();
            dependencies.afterIntake(meeting);
        });

        assertThat(row(EntityType.MEETING, meeting).lastError).startsWith(MeetingDependencies.WAITING).contains("an owner");
        dependencies.releaseWaiting();
        assertThat(commandsOf(EntityType.MEETING, meeting, 0)).isEmpty();
    }

    @Test
    void theWaitCheckTakesATaskBesideATransactionHoldingItWithoutADeadlock() throws Exception {
        FakeGateway.reset();
        UUID lead = support.newLead();
        String key = "meeting-" + UUID.randomUUID();
        UUID meeting = Ids.localIdFor(EntityType.MEETING, key);
        UUID task = Ids.localIdFor(EntityType.TASK, key + "/a1");
        UUID owner = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            em.persist(meeting(key, "Locks", lead, owner));
            em.persist(task(key, "Send the datasheet", lead, owner));
            em.flush();
            dependencies.afterIntake(meeting);
        });
        assertThat(row(EntityType.TASK, task).lastError).startsWith(MeetingDependencies.WAITING).contains("lead " + lead);
        link(EntityType.LEAD, lead);

        // what a meeting intake or a result does: the task first, then its sync state, in one transaction
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("SELECT id FROM meeting_task WHERE id = ?1 FOR UPDATE").setParameter(1, task).getResultList();
            locked.countDown();
            try {
                Thread.sleep(1_500); // the check below starts meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            em.createNativeQuery("UPDATE creatio_sync SET updated_at = now() WHERE entity_type = 'task' AND local_id = ?1")
                    .setParameter(1, task).executeUpdate();
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        // the other lock order deadlocked here: PostgreSQL aborted the check or the holder
        QuarkusTransaction.requiringNew().call(() -> dependencies.recheck(EntityType.TASK, task));
        holder.get(30, TimeUnit.SECONDS);

        // planned once, by this check or the scheduled one
        assertThat(commandsOf(EntityType.TASK, task, 1)).hasSize(1);
        assertThat(row(EntityType.TASK, task).lastError).isNull();
    }

    /** A completed NIA meeting on the lead, its owner known, that ended just now. */
    private static Meeting meeting(String key, String title, UUID lead, UUID owner) {
        Meeting m = new Meeting();
        m.id = Ids.localIdFor(EntityType.MEETING, key);
        m.meetingKey = key;
        m.title = title;
        m.startedAt = Instant.now().minusSeconds(600);
        m.endedAt = Instant.now();
        m.organizerEmail = "otto@nia.example";
        m.leadId = lead;
        m.status = "completed";
        m.ownerCreatioId = owner;
        m.ownerSource = "default";
        m.createdAt = Instant.now();
        m.updatedAt = m.createdAt;
        return m;
    }

    /** The meeting's open task of action item {@code a1} on the lead. */
    private static MeetingTask task(String key, String title, UUID lead, UUID owner) {
        MeetingTask t = new MeetingTask();
        t.id = Ids.localIdFor(EntityType.TASK, key + "/a1");
        t.meetingId = Ids.localIdFor(EntityType.MEETING, key);
        t.actionItemId = "a1";
        t.title = title;
        t.priority = "high";
        t.status = "not_started";
        t.ownerCreatioId = owner;
        t.leadId = lead;
        t.createdAt = Instant.now();
        t.updatedAt = t.createdAt;
        return t;
    }

    private CreatioSync row(EntityType type, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> syncs.of(type, id).orElseThrow());
    }

    private List<Envelope<Command>> commandsOf(EntityType type, UUID id, int expected) {
        String key = EntityKey.kafkaKey(type, id);
        var records = expected == 0 ? kafka.readAll(Topics.COMMANDS_REALTIME, Duration.ofSeconds(3))
                : kafka.readUntil(Topics.COMMANDS_REALTIME, rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= expected,
                        Duration.ofSeconds(30));
        return records.stream().filter(r -> key.equals(r.key())).map(r -> Json.readEnvelope(r.value(), Command.class)).toList();
    }

    /** A worker's answer to the record's one command: created under its allocated id. */
    private UUID answerSynced(EntityType type, UUID id) {
        Envelope<Command> command = only(commandsOf(type, id, 1));
        SyncCommand c = sync(command);
        support.apply(envelope(command, answer(command, Outcome.SYNCED).newBase(agreedBase(c)).build()));
        return c.allocatedCreatioId();
    }

    /** The record's first command answered as created: linked to Creatio. */
    private UUID link(EntityType type, UUID id) {
        return answerSynced(type, id);
    }
}
