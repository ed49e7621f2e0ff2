package com.nia.crmsync.syncapi.meeting;

import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.event;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.internal;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.item;
import static com.nia.crmsync.syncapi.meeting.MeetingFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.syncapi.FakeGateway;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.planning.MeetingDependencies;
import com.nia.crmsync.syncapi.planning.RetryFailed;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.records.OwnerResolver;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/**
 * Owner resolution that always ends (issue 16): with nothing configured a meeting and its tasks
 * get the integration user's contact (the gateway names it); a meeting waiting for an owner is
 * released within seconds of a configuration version that gives one (published on the config topic,
 * loaded by this replica); a record still waiting past {@code sync-api.meetings.max-wait} is
 * {@code failed} with what it waited for and how long, and {@code retry-failed} puts it back to waiting.
 */
@QuarkusTest
@SyncApiInfrastructure
class MeetingOwnerTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    MeetingService meetings;

    @Inject
    MeetingFixtures fixtures;

    @Inject
    OwnerResolver owners;

    @Inject
    MeetingDependencies dependencies;

    @Inject
    ConfigurationService configuration;

    @Inject
    CreatioSyncRepository syncs;

    @Inject
    RetryFailed retryFailed;

    @BeforeEach
    void nothingKnown() {
        FakeGateway.reset();
        owners.forget();
    }

    @AfterEach
    void back() {
        fixtures.restoreConfiguration();
        FakeGateway.reset();
        owners.forget();
    }

    @Test
    void withNothingConfiguredTheMeetingAndItsTasksGetTheIntegrationUsersContact() {
        UUID integrationContact = UUID.randomUUID();
        FakeGateway.integrationUserContact(integrationContact);
        fixtures.configure(false, Map.of(), null, CreatioConfiguration.CompetitorTarget.NOTES);
        String u = unique();

        Intake intake = meetings.apply(event("m-" + u, 1, null, "stranger-" + u + "@nia.example",
                List.of(internal("Sam Stranger", "stranger-" + u + "@nia.example")),
                List.of(item("ai-1", "Send the deck", "nobody-" + u + "@nia.example", null)), List.of()), UUID.randomUUID());

        assertThat(intake.ownerSource()).isEqualTo(OwnerResolver.INTEGRATION_USER);
        assertThat(fixtures.value("SELECT owner_creatio_id FROM meeting WHERE id = ?1", intake.meetingId())).isEqualTo(integrationContact);
        UUID task = MeetingService.taskIdFor("m-" + u, "ai-1");
        assertThat(fixtures.value("SELECT owner_source FROM meeting_task WHERE id = ?1", task)).isEqualTo("integration_user");
        assertThat(snapshot(EntityType.MEETING, intake.meetingId())).containsEntry("OwnerId", integrationContact.toString());
        assertThat(snapshot(EntityType.TASK, task)).containsEntry("OwnerId", integrationContact.toString());
    }

    @Test
    void aMeetingWaitingForAnOwnerIsReleasedWithinSecondsOfAConfigurationGivingADefaultOwner() {
        String u = unique();
        Intake intake = meetings.apply(event("m-" + u, 1, null, "stranger-" + u + "@nia.example",
                List.of(internal("Sam Stranger", "stranger-" + u + "@nia.example")),
                List.of(item("ai-1", "Send the deck", null, null)), List.of()), UUID.randomUUID());
        UUID task = MeetingService.taskIdFor("m-" + u, "ai-1");
        assertThat(row(EntityType.MEETING, intake.meetingId()).lastError).startsWith(MeetingDependencies.WAITING).contains("an owner");
        assertThat(row(EntityType.TASK, task).lastError).startsWith(MeetingDependencies.WAITING).contains("an owner");

        UUID owner = UUID.randomUUID();
        ConfigRecord before = configuration.current();
        CreatioConfiguration c = before.configuration();
        CreatioConfiguration.MeetingSettings m = c.meetings();
        ConfigRecord given = configuration.update(new CreatioConfiguration(c.odataRoot(), c.entities(), c.flags(), c.batchSizes(),
                c.defaultMaxRetries(), c.deleteSafety(), new CreatioConfiguration.MeetingSettings(m.activityCategoryName(), m.ownerMap(),
                        owner, m.competitorTarget(), m.competitorEntitySet())), before.version(), "admin");
        try {
            // no new event: the configuration version alone releases the meeting and its task
            await("the meeting and its task planned").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(row(EntityType.MEETING, intake.meetingId()).pendingCommandId).isNotNull();
                        assertThat(row(EntityType.TASK, task).pendingCommandId).isNotNull();
                    });
            assertThat(snapshot(EntityType.MEETING, intake.meetingId())).containsEntry("OwnerId", owner.toString());
            assertThat(snapshot(EntityType.TASK, task)).containsEntry("OwnerId", owner.toString());
            assertThat(fixtures.value("SELECT owner_source FROM meeting WHERE id = ?1", intake.meetingId())).isEqualTo("default");
        } finally {
            configuration.update(c, given.version(), "admin");
        }
    }

    @Test
    void aRecordStillWaitingPastTheLimitIsFailedWithWhatItWaitedForAndRetryFailedPutsItBackToWaiting() {
        String u = unique();
        Intake intake = meetings.apply(event("m-" + u, 1, null, "stranger-" + u + "@nia.example",
                List.of(internal("Sam Stranger", "stranger-" + u + "@nia.example")), List.of(), List.of()), UUID.randomUUID());
        UUID meeting = intake.meetingId();
        assertThat(row(EntityType.MEETING, meeting).waitingSince).isNotNull();

        // the wait began longer ago than the limit (sync-api.meetings.max-wait, 1 h)
        fixtures.sql("UPDATE creatio_sync SET waiting_since = now() - interval '61 minutes' WHERE entity_type = 'meeting' AND local_id = ?1",
                meeting);
        dependencies.releaseWaiting();

        CreatioSync failed = row(EntityType.MEETING, meeting);
        assertThat(failed.status).isEqualTo("failed");
        assertThat(failed.lastError).startsWith(MeetingDependencies.GAVE_UP + "1h1m").contains("(limit 1h) for: an owner");
        assertThat(commandsOf(EntityType.MEETING, meeting, 0)).isEmpty();
        // a check that listed it as waiting before (the scheduled one, or one after a new configuration version)
        // leaves it failed instead of putting it back to waiting with its wait begun anew
        assertThat(QuarkusTransaction.requiringNew().call(() -> dependencies.recheck(EntityType.MEETING, meeting))).isFalse();
        assertThat(row(EntityType.MEETING, meeting).status).isEqualTo("failed");

        assertThat(retryFailed.retryFailed(EntityType.MEETING, List.of(meeting), null)).isEqualTo(1);
        dependencies.releaseWaiting();
        CreatioSync waiting = row(EntityType.MEETING, meeting);
        assertThat(waiting.status).isEqualTo("pending");
        assertThat(waiting.lastError).startsWith(MeetingDependencies.WAITING + "an owner");
        assertThat(waiting.waitingSince).isAfter(java.time.Instant.now().minusSeconds(60));
        assertThat(waiting.nextRetryAt).isNull();
    }

    private CreatioSync row(EntityType type, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> syncs.of(type, id).orElseThrow());
    }

    /** The NIA snapshot of the record's command on the real-time topic (read until it is there, up to 30 s). */
    private Map<String, Object> snapshot(EntityType type, UUID id) {
        List<Envelope<Command>> commands = commandsOf(type, id, 1);
        assertThat(commands).as("a command for %s %s", type.wire(), id).isNotEmpty();
        return SyncTestSupport.sync(commands.get(commands.size() - 1)).niaSnapshot();
    }

    private List<Envelope<Command>> commandsOf(EntityType type, UUID id, int expected) {
        String key = EntityKey.kafkaKey(type, id);
        var records = expected == 0 ? kafka.readAll(Topics.COMMANDS_REALTIME, Duration.ofSeconds(3))
                : kafka.readUntil(Topics.COMMANDS_REALTIME, rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= expected,
                        Duration.ofSeconds(30));
        return records.stream().filter(r -> key.equals(r.key())).map(r -> Json.readEnvelope(r.value(), Command.class)).toList();
    }
}
