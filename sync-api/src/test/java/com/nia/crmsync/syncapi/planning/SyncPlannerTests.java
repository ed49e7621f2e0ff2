package com.nia.crmsync.syncapi.planning;

import static com.nia.crmsync.syncapi.sync.SyncTestSupport.agreedBase;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.allCommands;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.answer;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.commands;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.envelope;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.only;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.sync;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.Condition;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.service.ContactInput;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.RecordAccesses;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.syncapi.service.ContactService;
import com.nia.crmsync.syncapi.service.LeadService;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/** Planning over the real database and broker: an NIA edit becomes one command, in its transaction, one at a time per record. */
@QuarkusTest
@SyncApiInfrastructure
class SyncPlannerTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncTestSupport support;

    @Inject
    LeadService leads;

    @Inject
    SyncPlanner planner;

    @Inject
    ContactService contacts;

    @Inject
    EntityManager em;

    @Inject
    RecordAccesses records;

    @Test
    void anEditPlansExactlyOneUpsertWithTheMappedSnapshotAndTheAllocatedId() {
        String email = SyncTestSupport.email();
        String body = "{\"first_name\":\"Ada\",\"last_name\":\"Lovelace\",\"email\":\"" + email + "\",\"company\":\"Analytical Engines\","
                + "\"title\":\"CTO\",\"status\":\"qualified\",\"budget\":50000.00}";
        String idText = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/leads").then().statusCode(201).extract().path("id");
        UUID id = UUID.fromString(idText);

        Envelope<Command> envelope = only(commands(kafka, id, 1));
        SyncCommand c = sync(envelope);
        assertThat(envelope.aggregateId()).isEqualTo("lead:" + id);
        assertThat(c.operation()).isEqualTo(Operation.UPSERT);
        assertThat(c.lane()).isEqualTo(Lane.REALTIME);
        assertThat(c.allocatedCreatioId()).isEqualTo(Ids.creatioIdFor(EntityType.LEAD, id));
        assertThat(c.entity().creatioId()).isNull();
        assertThat(c.niaSnapshot()).containsEntry("Contact", "Ada Lovelace").containsEntry("Email", email)
                .containsEntry("Account", "Analytical Engines").containsEntry("FullJobTitle", "CTO")
                .containsEntry("QualifyStatusId", DefaultConfiguration.LEAD_STATUS_TO_QUALIFY_STATUS.get("qualified"));
        assertThat(((Number) c.niaSnapshot().get("Budget")).intValue()).isEqualTo(50000);
        assertThat(c.niaFields()).containsEntry("first_name", "Ada").containsEntry("last_name", "Lovelace");
        assertThat(c.niaVersion()).isZero();
        assertThat(c.base()).isNull();
        assertThat(c.attempt()).isEqualTo(1);
        assertThat(c.maxRetries()).isEqualTo(5);
        assertThat(c.configVersion()).isPositive();

        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(row.pendingCommandId).isEqualTo(c.commandId());
        assertThat(row.localVersion).isZero();
        assertThat(row.plannedSnapshot).containsEntry("Email", email);
        assertThat(row.requestedBy).isNotBlank();
    }

    /**
     * A run's batch is planned set-based ({@link SyncPlanner#planAll}) with the outcome {@link SyncPlanner#plan}
     * gives each record: a record never planned gets its sync state and an upsert under its allocated id; a
     * settled one is unchanged (forced: an update); one with a command in flight is deferred to that
     * command's result with the run; an id that no longer exists is skipped. In the order asked.
     */
    @Test
    void aBatchIsPlannedAsEachRecordWouldBe() {
        UUID settled = support.newLead();
        Envelope<Command> first = only(commands(kafka, settled, 1));
        support.apply(envelope(first, answer(first, Outcome.SYNCED).newBase(agreedBase(sync(first))).build()));
        UUID inFlight = support.newLead();
        only(commands(kafka, inFlight, 1));
        UUID unplanned = QuarkusTransaction.requiringNew().call(() -> records.of(EntityType.LEAD)
                .create(java.util.Map.of("first_name", "Grace", "last_name", "Hopper", "email", SyncTestSupport.email())).id());
        UUID gone = UUID.randomUUID();
        UUID run = UUID.randomUUID();
        List<UUID> batch = List.of(unplanned, settled, inFlight, gone);

        List<SyncPlanner.Planned> planned = QuarkusTransaction.requiringNew().call(() ->
                planner.planAll(EntityType.LEAD, batch, Lane.BULK, run, SyncPlanner.Way.BOTH, false));
        List<SyncPlanner.Planned> forced = QuarkusTransaction.requiringNew().call(() ->
                planner.planAll(EntityType.LEAD, List.of(settled), Lane.BULK, run, SyncPlanner.Way.BOTH, true));

        assertThat(planned).containsExactly(SyncPlanner.Planned.COMMAND, SyncPlanner.Planned.UNCHANGED,
                SyncPlanner.Planned.DEFERRED, SyncPlanner.Planned.SKIPPED);
        assertThat(forced).containsExactly(SyncPlanner.Planned.COMMAND);
        SyncCommand upsert = sync(only(bulkCommands(unplanned, 1)));
        assertThat(upsert.operation()).isEqualTo(Operation.UPSERT);
        assertThat(upsert.allocatedCreatioId()).isEqualTo(Ids.creatioIdFor(EntityType.LEAD, unplanned));
        assertThat(upsert.runId()).isEqualTo(run);
        assertThat(support.row(unplanned).pendingCommandId).isEqualTo(upsert.commandId());
        SyncCommand update = sync(only(bulkCommands(settled, 1)));
        assertThat(update.operation()).isEqualTo(Operation.UPDATE);
        assertThat(support.row(settled).syncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        CreatioSync deferred = support.row(inFlight);
        assertThat(deferred.replanRequested).isTrue();
        assertThat(deferred.replanRunId).isEqualTo(run);
        assertThat(support.row(gone)).isNull();
    }

    private List<Envelope<Command>> bulkCommands(UUID leadId, int expected) {
        String key = EntityKey.kafkaKey(EntityType.LEAD, leadId);
        return kafka.readUntil(Topics.COMMANDS_BULK, rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= expected,
                Duration.ofSeconds(30)).stream().filter(r -> key.equals(r.key())).map(r -> Json.readEnvelope(r.value(), Command.class)).toList();
    }

    @Test
    void aRolledBackEditPlansNothing() {
        UUID[] id = new UUID[1];
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            id[0] = leads.create(SyncTestSupport.input(SyncTestSupport.email(), "CTO"), null).view().id();
            throw new IllegalStateException("a later step of the same transaction fails");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(support.row(id[0])).isNull();
        assertThat(allCommands(kafka, id[0])).isEmpty();
    }

    @Test
    void aSecondEditWhileOneIsInFlightWaitsForTheResultThenPlansOnceWithTheNewBase() {
        UUID id = support.newLead();
        Envelope<Command> first = only(commands(kafka, id, 1));

        support.editTitle(id, "CEO");
        support.editTitle(id, "Chief Scientist");
        assertThat(allCommands(kafka, id)).hasSize(1);
        CreatioSync waiting = support.row(id);
        assertThat(waiting.localVersion).isEqualTo(2);
        assertThat(waiting.pendingCommandId).isEqualTo(sync(first).commandId());

        var result = answer(first, Outcome.SYNCED).newBase(agreedBase(sync(first))).build();
        support.apply(envelope(first, result));

        List<Envelope<Command>> all = commands(kafka, id, 2);
        assertThat(all).hasSize(2);
        SyncCommand second = sync(all.get(1));
        assertThat(second.commandId()).isNotEqualTo(sync(first).commandId());
        assertThat(second.operation()).isEqualTo(Operation.UPDATE);
        assertThat(second.entity().creatioId()).isEqualTo(sync(first).allocatedCreatioId());
        assertThat(second.base().values()).isEqualTo(sync(first).niaSnapshot());
        assertThat(second.niaVersion()).isEqualTo(2);
        assertThat(second.niaSnapshot()).containsEntry("FullJobTitle", "Chief Scientist");
        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(row.pendingCommandId).isEqualTo(second.commandId());
        assertThat(row.syncedVersion).isZero();
        assertThat(allCommands(kafka, id)).hasSize(2);
    }

    @Test
    void aSyncedRecordThatDidNotChangeIsNotPlannedUnlessForced() {
        UUID id = support.newLead();
        Envelope<Command> first = only(commands(kafka, id, 1));
        support.apply(envelope(first, answer(first, Outcome.SYNCED).newBase(agreedBase(sync(first))).build()));

        SyncPlanner.Request again = new SyncPlanner.Request(EntityType.LEAD, id, Lane.BULK, null, SyncPlanner.Way.TO_CREATIO, false, false);
        assertThat(QuarkusTransaction.requiringNew().call(() -> planner.plan(again))).isEqualTo(SyncPlanner.Planned.UNCHANGED);
        SyncPlanner.Request forced = new SyncPlanner.Request(EntityType.LEAD, id, Lane.BULK, null, SyncPlanner.Way.TO_CREATIO, true, false);
        assertThat(QuarkusTransaction.requiringNew().call(() -> planner.plan(forced))).isEqualTo(SyncPlanner.Planned.COMMAND);
        assertThat(support.row(id).lane).isEqualTo("bulk");
    }

    @Test
    void aLeadOutsideTheInclusionFilterOrWithPushDisabledIsSkipped() {
        CreatioConfiguration defaults = DefaultConfiguration.create();
        EntityMapping lead = defaults.mapping(EntityType.LEAD).orElseThrow();
        EntityMapping onlyNurturing = new EntityMapping(lead.entityType(), lead.entitySet(), lead.fields(),
                lead.defaultConflictPolicy(), lead.firstSyncPolicy(), lead.linkBy(), lead.deleteMode(), lead.deactivateColumn(),
                lead.deactivateValue(), List.of(new Condition("status", Condition.Operator.EQ, "nurturing")),
                lead.requiredFields(), lead.pullIntervalSeconds(), lead.reconcileIntervalSeconds());
        List<EntityMapping> entities = defaults.entities().stream().map(e -> e.entityType() == EntityType.LEAD ? onlyNurturing : e).toList();
        CreatioConfiguration filtered = new CreatioConfiguration(defaults.odataRoot(), entities, defaults.flags(),
                defaults.batchSizes(), defaults.defaultMaxRetries(), defaults.deleteSafety(), defaults.meetings());
        CreatioConfiguration pushOff = new CreatioConfiguration(defaults.odataRoot(), defaults.entities(),
                new CreatioConfiguration.Flags(false, true, true), defaults.batchSizes(), defaults.defaultMaxRetries(),
                defaults.deleteSafety(), defaults.meetings());

        for (CreatioConfiguration configuration : List.of(filtered, pushOff)) {
            long version = 1_000_000 + System.nanoTime() % 1_000_000;
            support.sql("INSERT INTO creatio_configuration (version, body, updated_at, updated_by) VALUES (?1, CAST(?2 AS jsonb), now(), 'test')",
                    version, Json.write(configuration));
            try {
                UUID id = support.newLead();
                CreatioSync row = support.row(id);
                assertThat(row.syncStatus()).isEqualTo(SyncStatus.SKIPPED);
                assertThat(row.pendingCommandId).isNull();
                assertThat(allCommands(kafka, id)).isEmpty();
            } finally {
                support.sql("DELETE FROM creatio_configuration WHERE version = ?1", version);
            }
        }
    }

    @Test
    void aContactEditPlansItsCommandThroughTheSameCore() {
        UUID id = contacts.create(new ContactInput("Grace Hopper", SyncTestSupport.email(), null, "Rear Admiral", "Navy"), null).view().id();

        String key = EntityKey.kafkaKey(EntityType.CONTACT, id);
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.COMMANDS_REALTIME,
                rs -> rs.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(30));
        SyncCommand c = (SyncCommand) records.stream().filter(r -> key.equals(r.key()))
                .map(r -> Json.readEnvelope(r.value(), Command.class)).findFirst().orElseThrow().payload();
        assertThat(c.operation()).isEqualTo(Operation.UPSERT);
        assertThat(c.allocatedCreatioId()).isEqualTo(Ids.creatioIdFor(EntityType.CONTACT, id));
        assertThat(c.niaSnapshot()).containsEntry("Name", "Grace Hopper").containsEntry("JobTitle", "Rear Admiral");
    }

    @Test
    void aSoftDeleteOfALinkedLeadPlansADelete() {
        // under the deletion safety breaker's thresholds whatever other tests deleted (DeletionsTests covers the breaker)
        CreatioConfiguration d = DefaultConfiguration.create();
        CreatioConfiguration permissive = new CreatioConfiguration(d.odataRoot(), d.entities(), d.flags(), d.batchSizes(),
                d.defaultMaxRetries(), new CreatioConfiguration.DeleteSafety(1_000_000, java.math.BigDecimal.ONE, 3600), d.meetings());
        long version = 1_000_000 + System.nanoTime() % 1_000_000;
        support.sql("INSERT INTO creatio_configuration (version, body, updated_at, updated_by) VALUES (?1, CAST(?2 AS jsonb), now(), 'test')",
                version, Json.write(permissive));
        try {
            UUID id = support.newLead();
            Envelope<Command> first = only(commands(kafka, id, 1));
            support.apply(envelope(first, answer(first, Outcome.SYNCED).newBase(agreedBase(sync(first))).build()));

            leads.delete(id, null);

            List<Envelope<Command>> all = commands(kafka, id, 2);
            assertThat(all).hasSize(2);
            assertThat(sync(all.get(1)).operation()).isEqualTo(Operation.DELETE);
            assertThat(sync(all.get(1)).entity().creatioId()).isEqualTo(sync(first).allocatedCreatioId());
        } finally {
            support.sql("DELETE FROM creatio_configuration WHERE version = ?1", version);
        }
    }

    /**
     * Found by the long chaos run: a run planned a record while the result of its previous command was being
     * applied (that result pulled a Creatio value into NIA, a new version). Planning read the record before the
     * result committed and its sync state after (waiting for the result's lock): the command carried the old NIA
     * value against the new base, the worker took it for an NIA change and wrote the old value back to Creatio.
     * Planning now locks the record first, so it waits for the result and plans the version the result left.
     */
    @Test
    void planningBesideAResultBeingAppliedWaitsForItAndPlansTheVersionItLeft() throws Exception {
        UUID id = support.newLead();
        Envelope<Command> first = only(commands(kafka, id, 1));
        CountDownLatch locked = new CountDownLatch(1);
        // what applying a result that pulled a value does: the NIA record, then its sync state, in one transaction
        CompletableFuture<Void> result = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("SELECT id FROM lead WHERE id = ?1 FOR UPDATE").setParameter(1, id).getResultList();
            em.createNativeQuery("UPDATE lead SET title = 'Pulled from Creatio', version = version + 1, updated_at = now()"
                    + " WHERE id = ?1").setParameter(1, id).executeUpdate();
            em.createNativeQuery("UPDATE creatio_sync SET status = 'synced', pending_command_id = NULL,"
                    + " synced_version = (SELECT version FROM lead WHERE id = ?1),"
                    + " local_version = (SELECT version FROM lead WHERE id = ?1) WHERE local_id = ?1")
                    .setParameter(1, id).executeUpdate();
            locked.countDown();
            try {
                // the planning below starts meanwhile and must wait for this commit
                Thread.sleep(1_500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();

        SyncPlanner.Planned planned = QuarkusTransaction.requiringNew().call(() -> planner.plan(
                new SyncPlanner.Request(EntityType.LEAD, id, Lane.REALTIME, null, SyncPlanner.Way.TO_CREATIO, true, false)));
        result.get(30, TimeUnit.SECONDS);

        assertThat(planned).isEqualTo(SyncPlanner.Planned.COMMAND);
        SyncCommand second = sync(commands(kafka, id, 2).get(1));
        assertThat(second.commandId()).isNotEqualTo(sync(first).commandId());
        assertThat(second.niaVersion()).as("the version the result committed").isEqualTo(sync(first).niaVersion() + 1);
        assertThat(second.niaSnapshot()).containsEntry("FullJobTitle", "Pulled from Creatio");
        assertThat(support.row(id).localVersion).isEqualTo(second.niaVersion());
    }
}
