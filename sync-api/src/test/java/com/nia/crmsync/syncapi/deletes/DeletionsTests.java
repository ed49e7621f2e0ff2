package com.nia.crmsync.syncapi.deletes;

import static com.nia.crmsync.syncapi.sync.SyncTestSupport.agreedBase;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.answer;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.commands;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.envelope;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.only;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.sync;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ReconcilePage;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.config.DeleteMode;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.pull.PullPaging;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.PulledPage;
import com.nia.crmsync.model.result.ReconciledIds;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.pull.IncrementalPull;
import com.nia.crmsync.syncapi.records.RecordAccesses;
import com.nia.crmsync.syncapi.records.SyncDeletion;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Deletes found in Creatio by the id reconciliation, end to end inside sync-api (the worker's answers
 * built as a worker would): the breaker propagates or holds, tombstones keep the last values, an
 * admin approves or rejects (audited), a record seen again leaves the list, and an update_vs_delete
 * is resolved by a restore or a delete in NIA; errors are problems naming the field. NIA soft deletes of
 * linked leads pass the same breaker (direction {@code to_creatio}): approved they plan the delete
 * command, rejected or restored in NIA they are taken back; a pulled record leaves the pending list
 * too; a restore's retry stays a restore.
 */
@QuarkusTest
@SyncApiInfrastructure
class DeletionsTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncTestSupport support;

    @Inject
    Reconciliation reconciliation;

    @Inject
    EntityManager em;

    @Inject
    IncrementalPull pull;

    @Inject
    SyncPlanner planner;

    @Inject
    RecordAccesses records;

    private Long version;

    @BeforeEach
    void noDeletionState() {
        support.sql("DELETE FROM sync_deletion");
        support.sql("DELETE FROM reconcile_state");
    }

    @AfterEach
    void defaultConfiguration() {
        // no held deletion pauses another test class's deletes
        support.sql("DELETE FROM sync_deletion");
        if (version != null) {
            support.sql("DELETE FROM creatio_configuration WHERE version = ?1", version);
            version = null;
        }
    }

    /** Puts a configuration in force with the lead's delete mode and the breaker's thresholds. */
    private void configure(DeleteMode mode, int maxDeletions) {
        CreatioConfiguration d = DefaultConfiguration.create();
        EntityMapping l = d.mapping(EntityType.LEAD).orElseThrow();
        EntityMapping lead = new EntityMapping(l.entityType(), l.entitySet(), l.fields(), l.defaultConflictPolicy(),
                l.firstSyncPolicy(), l.linkBy(), mode, l.deactivateColumn(), l.deactivateValue(), l.include(), l.requiredFields(),
                l.pullIntervalSeconds(), l.reconcileIntervalSeconds());
        List<EntityMapping> entities = d.entities().stream().map(e -> e.entityType() == EntityType.LEAD ? lead : e).toList();
        CreatioConfiguration c = new CreatioConfiguration(d.odataRoot(), entities, d.flags(), d.batchSizes(), d.defaultMaxRetries(),
                new CreatioConfiguration.DeleteSafety(maxDeletions, BigDecimal.ONE, 3600), d.meetings());
        version = 2_000_000 + System.nanoTime() % 1_000_000;
        support.sql("INSERT INTO creatio_configuration (version, body, updated_at, updated_by) VALUES (?1, CAST(?2 AS jsonb), now(), 'test')",
                version, Json.write(c));
    }

    /** A lead created in NIA and synced (linked to its allocated Creatio id); its Creatio id. */
    private UUID linkedLead(List<UUID> localIds) {
        UUID id = support.newLead();
        Envelope<Command> first = only(commands(kafka, id, 1));
        support.apply(envelope(first, answer(first, Outcome.SYNCED).newBase(agreedBase(sync(first))).build()));
        localIds.add(id);
        return support.row(id).creatioId;
    }

    private Object[] state() {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT in_flight_command_id, phase, last_deleted_found, cycle_id FROM reconcile_state WHERE entity_type = 'lead'")
                .getSingleResult());
    }

    @SuppressWarnings("unchecked")
    private List<UUID> linkedCreatioIds() {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT creatio_id FROM creatio_sync WHERE entity_type = 'lead' AND creatio_id IS NOT NULL", UUID.class).getResultList());
    }

    /** The worker's answer to the reconcile command in flight. */
    private void answerReconcile(ReconciledIds ids) {
        UUID inFlight = (UUID) state()[0];
        SyncCommand command = SyncCommand.builder(ReconcilePage.key(EntityType.LEAD), Operation.RECONCILE, Lane.BULK, 1)
                .commandId(inFlight).build();
        SyncResult result = SyncResult.answering(command, Outcome.NO_CHANGE, "test-worker").action(Action.NO_OP)
                .reconciled(ids).build();
        support.apply(Envelope.result(Envelope.command(command, inFlight), result));
    }

    /** One reconciliation cycle in which Creatio lists every linked lead but {@code gone}, and the check finds them missing. */
    private void cycle(Set<UUID> gone) {
        assertThat(QuarkusTransaction.requiringNew().call(() -> reconciliation.start(EntityType.LEAD, true))).isNotNull();
        List<UUID> listed = new ArrayList<>(linkedCreatioIds());
        listed.removeAll(gone);
        answerReconcile(new ReconciledIds(100_000, 0, false, listed, null));
        Object[] s = state();
        assertThat(s[1]).as("the links not listed are checked by id").isEqualTo("checking");
        SyncCommand check = (SyncCommand) kafka.readUntil(Topics.COMMANDS_BULK,
                rs -> rs.stream().anyMatch(r -> r.value().contains(s[0].toString())), Duration.ofSeconds(30)).stream()
                .filter(r -> r.value().contains(s[0].toString())).map(r -> Json.readEnvelope(r.value(), Command.class).payload())
                .findFirst().orElseThrow();
        assertThat(check.operation()).isEqualTo(Operation.RECONCILE);
        assertThat(check.reconcile().ids()).containsExactlyInAnyOrderElementsOf(gone);
        answerReconcile(new ReconciledIds(0, 0, false, List.of(), List.copyOf(gone)));
        assertThat(state()[1]).isEqualTo("idle");
    }

    @Test
    void threeLeadsDeletedInCreatioUnderTheThresholdAreSoftDeletedInNiaWithTombstones() {
        configure(DeleteMode.DELETE, 3);
        List<UUID> leads = new ArrayList<>();
        Set<UUID> gone = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            gone.add(linkedLead(leads));
        }
        UUID kept = linkedLead(leads);

        cycle(gone);

        for (UUID id : leads.subList(0, 3)) {
            assertThat(support.lead(id).deleted).isTrue();
            assertThat(support.row(id).creatioDeletedAt).isNotNull();
        }
        assertThat(support.lead(leads.get(3)).deleted).isFalse();
        assertThat(state()[2]).isEqualTo(3);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions?status=applied&entity_type=lead")
                .then().statusCode(200).body("total", is(3)).body("items[0].held", is(false))
                .body("items[0].delete_mode", is("delete")).body("items.creatio_id", org.hamcrest.Matchers.not(hasItem(kept.toString())))
                .body("items[0].nia_values.email", org.hamcrest.Matchers.startsWith("ada-"))
                .body("items[0].nia_values", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("budget")))
                .body("breaker.find { it.entity_type == 'lead' }.in_window", is(3));
    }

    @Test
    void deactivateModeGivesTheLeadTheDeactivationStatusAndKeepsIt() {
        configure(DeleteMode.DEACTIVATE, 5);
        List<UUID> leads = new ArrayList<>();
        UUID creatioId = linkedLead(leads);

        cycle(Set.of(creatioId));

        assertThat(support.lead(leads.get(0)).deleted).isFalse();
        assertThat(support.lead(leads.get(0)).status).isEqualTo("disqualified");
        given().auth().oauth2(TestTokens.admin()).when().get("/api/v1/crm/sync/deletions?status=applied")
                .then().statusCode(200).body("items[0].nia_values.status", is("qualified"))
                .body("items[0].nia_values.budget", is(50000.0f));
    }

    @Test
    void moreDeletionsThanTheThresholdWaitForAnAdminWhoApprovesRejectsOrSeesThemReappear() {
        configure(DeleteMode.DELETE, 2);
        List<UUID> leads = new ArrayList<>();
        Set<UUID> gone = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            gone.add(linkedLead(leads));
        }

        cycle(gone);

        for (UUID id : leads) {
            assertThat(support.lead(id).deleted).as("held: nothing propagated").isFalse();
        }
        List<String> pending = given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions?status=pending")
                .then().statusCode(200).body("total", is(4)).body("items[0].held", is(true))
                .body("items[0].reason", org.hamcrest.Matchers.containsString("more than maxDeletions 2"))
                .body("breaker.find { it.entity_type == 'lead' }.paused", is(true))
                .extract().jsonPath().getList("items.id");
        String first = deletionOf(leads.get(0));
        String second = deletionOf(leads.get(1));
        String third = deletionOf(leads.get(2));
        String fourth = deletionOf(leads.get(3));
        assertThat(pending).containsExactlyInAnyOrder(first, second, third, fourth);

        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/sync/deletions/" + first + "/approve")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/deletions/" + first + "/approve")
                .then().statusCode(200).body("status", is("approved")).body("decided_by", org.hamcrest.Matchers.notNullValue());
        assertThat(support.lead(leads.get(0)).deleted).isTrue();
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/deletions/" + first + "/approve")
                .then().statusCode(409).contentType("application/problem+json");

        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/deletions/" + second + "/reject")
                .then().statusCode(200).body("status", is("rejected"));
        UUID restored = leads.get(1);
        SyncCommand restore = sync(commands(kafka, restored, 2).get(1));
        assertThat(restore.operation()).isEqualTo(Operation.RESTORE);
        assertThat(restore.allocatedCreatioId()).as("recreated with its former id").isEqualTo(support.row(restored).creatioId);
        assertThat(restore.niaSnapshot()).containsKey("Email");

        // the third is listed again by the next cycle: it leaves the pending list
        UUID thirdCreatio = support.row(leads.get(2)).creatioId;
        Set<UUID> stillGone = new HashSet<>(Set.of(support.row(leads.get(3)).creatioId));
        assertThat(QuarkusTransaction.requiringNew().call(() -> reconciliation.start(EntityType.LEAD, true))).isNotNull();
        List<UUID> listed = new ArrayList<>(linkedCreatioIds());
        listed.removeAll(stillGone);
        assertThat(listed).contains(thirdCreatio);
        answerReconcile(new ReconciledIds(100_000, 0, false, listed, null));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions/" + third)
                .then().statusCode(200).body("status", is("reappeared"));

        String unknown = UUID.randomUUID().toString();
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body("{\"ids\":[\"" + fourth + "\",\"" + unknown + "\"]}")
                .when().post("/api/v1/crm/sync/deletions/approve")
                .then().statusCode(200).body("decided[0].id", is(fourth)).body("refused[0].id", is(unknown))
                .body("refused[0].status", is(404));
        assertThat(support.lead(leads.get(3)).deleted).isTrue();
        @SuppressWarnings("unchecked")
        List<String> audited = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT action FROM audit_entry WHERE target IN (?1, ?2) AND outcome = 'ok' ORDER BY occurred_at")
                .setParameter(1, "sync-deletion/" + first).setParameter(2, "sync-deletion/" + second).getResultList());
        assertThat(audited).as("the approval and the rejection, each audited once").containsExactly("sync.deletion.approve",
                "sync.deletion.reject");
    }

    private String deletionOf(UUID localId) {
        return QuarkusTransaction.requiringNew().call(() -> (String) em.createNativeQuery(
                "SELECT CAST(id AS text) FROM sync_deletion WHERE local_id = ?1").setParameter(1, localId).getSingleResult());
    }

    @Test
    void aDeletedLeadWithAnNiaEditNotYetSyncedIsPlannedAsAnUpdateNotDeleted() {
        configure(DeleteMode.DELETE, 5);
        List<UUID> leads = new ArrayList<>();
        UUID creatioId = linkedLead(leads);
        UUID id = leads.get(0);
        // an NIA edit whose command is lost in flight and then given up: the record is not in flight, not synced
        support.editTitle(id, "CEO");
        support.sql("UPDATE creatio_sync SET status = 'failed', pending_command_id = NULL WHERE local_id = ?1", id);

        cycle(Set.of(creatioId));

        assertThat(support.lead(id).deleted).isFalse();
        assertThat(support.row(id).syncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions").then().statusCode(200).body("total", is(0));
    }

    @Test
    void anUpdateVsDeleteIsResolvedByARestoreOrByADeleteInNia() {
        List<UUID> leads = new ArrayList<>();
        UUID creatioId = linkedLead(leads);
        linkedLead(leads);
        for (UUID id : leads) {
            support.editTitle(id, "CEO");
            Envelope<Command> update = commands(kafka, id, 2).get(1);
            support.apply(envelope(update, SyncResult.answering(update.payload(), Outcome.CONFLICT, "test-worker")
                    .action(Action.CONFLICT).openFields(List.of("Id")).creatioDeleted(true).build()));
            assertThat(support.row(id).syncStatus()).isEqualTo(SyncStatus.CONFLICT);
            assertThat(support.row(id).creatioDeletedAt).isNotNull();
        }
        UUID restored = leads.get(0);

        given().auth().oauth2(TestTokens.viewer()).when().post("/api/v1/crm/sync/records/lead/" + restored + "/restore")
                .then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/sync/records/lead/" + restored + "/restore")
                .then().statusCode(202).body("status", is("in_progress"));
        Envelope<Command> restore = commands(kafka, restored, 3).get(2);
        SyncCommand c = sync(restore);
        assertThat(c.operation()).isEqualTo(Operation.RESTORE);
        assertThat(c.allocatedCreatioId()).isEqualTo(creatioId);
        assertThat(c.niaSnapshot()).containsEntry("FullJobTitle", "CEO");
        support.apply(envelope(restore, answer(restore, Outcome.SYNCED).action(Action.RESTORE).closedFields(List.of("Id"))
                .newBase(agreedBase(c)).build()));
        assertThat(support.row(restored).syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(support.row(restored).creatioDeletedAt).isNull();
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/sync/records/lead/" + restored + "/restore")
                .then().statusCode(409).contentType("application/problem+json");

        UUID dropped = leads.get(1);
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/sync/records/lead/" + dropped + "/delete-in-nia")
                .then().statusCode(200).body("status", is("deleted_in_nia")).body("nia_values.title", is("CEO"));
        assertThat(support.lead(dropped).deleted).isTrue();
        assertThat(support.row(dropped).syncStatus()).isEqualTo(SyncStatus.SYNCED);
    }

    /** A person deletes a lead in NIA (the lead API's soft delete). */
    private void deleteInNia(UUID id) {
        given().auth().oauth2(TestTokens.operator()).when().delete("/api/v1/leads/" + id).then().statusCode(204);
    }

    private SyncDeletion deletion(UUID localId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                "from SyncDeletion where localId = ?1 order by detectedAt desc", SyncDeletion.class).setParameter(1, localId)
                .getResultList().get(0));
    }

    @Test
    void niaSoftDeletesOverTheThresholdWaitAsPendingToCreatioAndAnAdminApprovesOrRejects() {
        configure(DeleteMode.DEACTIVATE, 1);
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            linkedLead(leads);
        }

        for (UUID id : leads) {
            deleteInNia(id);
        }

        // the first is under the threshold: its delete command goes, with a tombstone
        SyncCommand delete = sync(commands(kafka, leads.get(0), 2).get(1));
        assertThat(delete.operation()).isEqualTo(Operation.DELETE);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions?status=applied&direction=to_creatio")
                .then().statusCode(200).body("total", is(1)).body("items[0].local_id", is(leads.get(0).toString()))
                .body("items[0].direction", is("to_creatio")).body("items[0].origin", is("nia"))
                .body("items[0].delete_mode", is("deactivate")).body("items[0].held", is(false))
                .body("items[0].nia_values.title", is("CTO"))
                .body("items[0].creatio_values.Email", org.hamcrest.Matchers.startsWith("ada-"));
        // the others wait for an admin: deleted in NIA, nothing sent to Creatio
        for (UUID id : leads.subList(1, 3)) {
            assertThat(support.lead(id).deleted).isTrue();
            assertThat(support.row(id).syncStatus()).isEqualTo(SyncStatus.PENDING);
            assertThat(support.row(id).pendingCommandId).as("no command planned").isNull();
        }
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions?status=pending&entity_type=lead")
                .then().statusCode(200).body("total", is(2)).body("items.direction", org.hamcrest.Matchers.everyItem(is("to_creatio")))
                .body("items[0].reason", org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.containsString("more than maxDeletions 1"),
                        org.hamcrest.Matchers.containsString("paused")))
                .body("breaker.find { it.entity_type == 'lead' && it.direction == 'to_creatio' }.paused", is(true))
                .body("breaker.find { it.entity_type == 'lead' && it.direction == 'to_creatio' }.in_window", is(3))
                .body("breaker.find { it.entity_type == 'lead' && it.direction == 'to_nia' }.paused", is(false));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions?status=pending&direction=to_nia")
                .then().statusCode(200).body("total", is(0));

        // approving plans the delete command
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/deletions/" + deletion(leads.get(1)).id + "/approve")
                .then().statusCode(200).body("status", is("approved")).body("direction", is("to_creatio"));
        SyncCommand approved = sync(commands(kafka, leads.get(1), 2).get(1));
        assertThat(approved.operation()).isEqualTo(Operation.DELETE);
        assertThat(approved.entity().creatioId()).isEqualTo(support.row(leads.get(1)).creatioId);
        assertThat(support.row(leads.get(1)).pendingCommandId).isEqualTo(approved.commandId());

        // rejecting takes the NIA soft delete back; Creatio still has the lead as it was: nothing to send
        UUID rejected = leads.get(2);
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/deletions/" + deletion(rejected).id + "/reject")
                .then().statusCode(200).body("status", is("rejected"));
        assertThat(support.lead(rejected).deleted).isFalse();
        assertThat(support.row(rejected).syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(support.row(rejected).pendingCommandId).as("nothing planned").isNull();

        // a deletion made in NIA that went to Creatio cannot be rejected
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/deletions/" + deletion(leads.get(0)).id + "/reject")
                .then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions?direction=sideways")
                .then().statusCode(400).body("errors[0].field", is("direction"));
    }

    @Test
    void aHeldNiaDeletionTakenBackSendsWhatNiaChangedAndAnNiaUndeleteLeavesTheList() {
        configure(DeleteMode.DELETE, 0);
        List<UUID> leads = new ArrayList<>();
        linkedLead(leads);
        linkedLead(leads);
        UUID changed = leads.get(0);
        UUID undeleted = leads.get(1);
        // an NIA edit whose command was given up: NIA holds a change Creatio has not got
        support.editTitle(changed, "CEO");
        support.sql("UPDATE creatio_sync SET status = 'failed', pending_command_id = NULL WHERE local_id = ?1", changed);
        deleteInNia(changed);
        deleteInNia(undeleted);
        assertThat(deletion(changed).status).isEqualTo(SyncDeletion.PENDING);
        assertThat(deletion(undeleted).status).isEqualTo(SyncDeletion.PENDING);

        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/deletions/" + deletion(changed).id + "/reject")
                .then().statusCode(200).body("status", is("rejected"));
        SyncCommand update = sync(commands(kafka, changed, 3).get(2));
        assertThat(update.operation()).isEqualTo(Operation.UPDATE);
        assertThat(update.niaSnapshot()).containsEntry("FullJobTitle", "CEO");
        assertThat(support.lead(changed).deleted).isFalse();

        // restored in NIA (undeleted, then planned as every NIA change is): its held deletion leaves the list
        QuarkusTransaction.requiringNew().run(() -> {
            records.of(EntityType.LEAD).setDeleted(undeleted, false);
            planner.plan(new SyncPlanner.Request(EntityType.LEAD, undeleted, Lane.REALTIME, null, SyncPlanner.Way.TO_CREATIO, false,
                    false));
        });
        SyncDeletion gone = deletion(undeleted);
        assertThat(gone.status).isEqualTo(SyncDeletion.REAPPEARED);
        assertThat(gone.decidedBy).isEqualTo("nia");
        assertThat(support.row(undeleted).syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(support.row(undeleted).pendingCommandId).isNull();
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions?status=pending")
                .then().statusCode(200).body("total", is(0));
    }

    @Test
    void aRecordHeldAsDeletedInCreatioThatAPullBringsLeavesThePendingList() {
        configure(DeleteMode.DELETE, 0);
        List<UUID> leads = new ArrayList<>();
        UUID creatioId = linkedLead(leads);
        cycle(Set.of(creatioId));
        assertThat(deletion(leads.get(0)).status).isEqualTo(SyncDeletion.PENDING);
        support.sql("DELETE FROM pull_watermark");
        assertThat(QuarkusTransaction.requiringNew().call(() -> pull.startIfDue(EntityType.LEAD))).isTrue();

        // the page holds the lead as we last agreed on it: an echo, and a sign it was never deleted
        UUID inFlight = QuarkusTransaction.requiringNew().call(() -> (UUID) em.createNativeQuery(
                "SELECT in_flight_command_id FROM pull_watermark WHERE entity_type = 'lead'").getSingleResult());
        SyncCommand page = SyncCommand.builder(PullPaging.pullKey(EntityType.LEAD), Operation.PULL_PAGE, Lane.BULK, 1)
                .commandId(inFlight).build();
        PulledPage.Record pulled = new PulledPage.Record(creatioId, Instant.now(), support.row(leads.get(0)).baseSnapshot.values());
        SyncResult result = SyncResult.answering(page, Outcome.SYNCED, "test-worker")
                .pulledPage(new PulledPage(Instant.EPOCH, 1000, 0, false, List.of(pulled))).build();
        QuarkusTransaction.requiringNew().run(() -> pull.apply(Envelope.result(Envelope.command(page, inFlight), result)));

        SyncDeletion back = deletion(leads.get(0));
        assertThat(back.status).isEqualTo(SyncDeletion.REAPPEARED);
        assertThat(back.decidedBy).isEqualTo("pull");
        assertThat(support.row(leads.get(0)).creatioDeletedAt).isNull();
        assertThat(support.lead(leads.get(0)).deleted).isFalse();
    }

    @Test
    void aRestoreThatFailsTransientlyIsRetriedAsARestore() {
        List<UUID> leads = new ArrayList<>();
        UUID creatioId = linkedLead(leads);
        UUID id = leads.get(0);
        support.editTitle(id, "CEO");
        Envelope<Command> update = commands(kafka, id, 2).get(1);
        support.apply(envelope(update, SyncResult.answering(update.payload(), Outcome.CONFLICT, "test-worker")
                .action(Action.CONFLICT).openFields(List.of("Id")).creatioDeleted(true).build()));
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/sync/records/lead/" + id + "/restore")
                .then().statusCode(202);
        Envelope<Command> restore = commands(kafka, id, 3).get(2);
        assertThat(sync(restore).operation()).isEqualTo(Operation.RESTORE);

        support.apply(envelope(restore, answer(restore, Outcome.RETRYABLE_FAILURE)
                .failure(new Failure(Failure.Category.TRANSIENT, "timeout", null, null)).build()));
        assertThat(support.row(id).syncStatus()).isEqualTo(SyncStatus.PENDING);
        support.sql("UPDATE creatio_sync SET next_retry_at = now() - interval '1 second' WHERE local_id = ?1", id);
        support.planDueOnce();

        SyncCommand retry = sync(commands(kafka, id, 4).get(3));
        assertThat(retry.operation()).as("the retry of a restore is a restore").isEqualTo(Operation.RESTORE);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.commandId()).isEqualTo(sync(restore).commandId());
        assertThat(retry.allocatedCreatioId()).isEqualTo(creatioId);
        assertThat(retry.niaSnapshot()).containsEntry("FullJobTitle", "CEO");
    }

    @Test
    void badInputIsAProblemNamingTheField() {
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions?status=bogus")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("status"));
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/deletions?entity_type=bogus")
                .then().statusCode(400).body("errors[0].field", is("entity_type"));
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/crm/sync/deletions/approve")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", is("/ids"));
        given().auth().oauth2(TestTokens.admin()).when().post("/api/v1/crm/sync/deletions/" + UUID.randomUUID() + "/reject")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"entity_type\":\"bogus\"}")
                .when().post("/api/v1/crm/sync/reconcile/")
                .then().statusCode(400).body("errors[0].field", is("/entity_type"));
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"entity_type\":\"meeting\"}")
                .when().post("/api/v1/crm/sync/reconcile/")
                .then().statusCode(422).body("errors[0].field", is("/entity_type"));
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/sync/records/bogus/" + UUID.randomUUID() + "/restore")
                .then().statusCode(400).body("errors[0].field", is("entityType"));
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{}").when().post("/api/v1/crm/sync/reconcile/")
                .then().statusCode(403);
    }

    @Test
    void anOperatorStartsACycleNowAndEveryRoleSeesItRunning() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"entity_type\":\"lead\"}")
                .when().post("/api/v1/crm/sync/reconcile/")
                .then().statusCode(202).body("cycles.lead", org.hamcrest.Matchers.notNullValue());
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/reconcile/")
                .then().statusCode(200).body("find { it.entity_type == 'lead' }.phase", is("listing"));
    }
}
