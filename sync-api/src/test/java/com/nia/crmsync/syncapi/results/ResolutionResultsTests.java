package com.nia.crmsync.syncapi.results;

import static com.nia.crmsync.syncapi.sync.SyncTestSupport.agreedBase;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.allCommands;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.answer;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.commands;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.envelope;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.only;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.service.LeadInput;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.syncapi.service.LeadService;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/**
 * Results of resolve commands (a person's decision carried out by the worker) applied on NIA's side,
 * over the real database and broker: NIA written by compare-and-set, fields closed, the base agreed,
 * whatever command is in flight.
 */
@QuarkusTest
@SyncApiInfrastructure
class ResolutionResultsTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncTestSupport support;

    @Inject
    LeadService leads;

    @Inject
    EntityManager em;

    /** A synced lead whose Budget is open (manual): NIA 50000, the base 40000; its one command answered. */
    private Envelope<Command> leadWithBudgetOpen(UUID id) {
        Envelope<Command> command = only(commands(kafka, id, 1));
        Map<String, Object> base = new TreeMap<>(sync(command).niaSnapshot());
        base.put("Budget", new BigDecimal("40000"));
        support.apply(envelope(command, answer(command, Outcome.CONFLICT)
                .newBase(new BaseSnapshot(base, CanonicalHash.of(base), CanonicalHash.of(base), Instant.now()))
                .openFields(List.of("Budget")).build()));
        assertThat(support.row(id).syncStatus()).isEqualTo(SyncStatus.CONFLICT);
        return command;
    }

    /** The worker's answer to a field decision on Budget: Creatio written, NIA to take {@code chosen} where it holds 50000. */
    private static Envelope<SyncResult> budgetDecided(Envelope<Command> planned, ResolutionStrategy strategy, Object chosen) {
        SyncCommand c = sync(planned);
        UUID creatioId = c.allocatedCreatioId();
        ResolveCommand resolve = new ResolveCommand(UUID.randomUUID(), UUID.randomUUID(), c.entity().withCreatioId(creatioId),
                MismatchType.FIELD_MISMATCH, strategy, "Budget", chosen, new BigDecimal("50000.00"), new BigDecimal("60000"),
                "olga.operator", 1, 1);
        Map<String, Object> creatioAfter = new TreeMap<>(c.niaSnapshot());
        creatioAfter.put("Budget", chosen);
        SyncResult result = SyncResult.answering(resolve, Outcome.SYNCED, "test-worker").action(Action.UPDATE)
                .entity(resolve.entity()).closedFields(List.of("Budget"))
                .newBase(new BaseSnapshot(single("Budget", chosen), null, CanonicalHash.of(creatioAfter), Instant.now()))
                .pulledValues(single("Budget", chosen)).niaValuesSeen(single("Budget", new BigDecimal("50000.00"))).build();
        return Envelope.result(Envelope.command(resolve, UUID.randomUUID()), result);
    }

    private static Map<String, Object> single(String column, Object value) {
        Map<String, Object> m = new HashMap<>();
        m.put(column, value);
        return m;
    }

    private void setBudget(UUID id, String budget) {
        var l = support.lead(id);
        leads.replace(id, new LeadInput(l.firstName, l.lastName, l.email, l.phone, l.company, l.title, l.status, null,
                new BigDecimal(budget), true, false, null, null, null, l.notes), null);
    }

    @Test
    void aDecisionFromTheResultsTopicWritesNiaClosesTheFieldAndAgreesTheBaseOnce() {
        UUID id = support.newLead();
        Envelope<Command> command = leadWithBudgetOpen(id);
        Envelope<SyncResult> decided = budgetDecided(command, ResolutionStrategy.CREATIO_WINS, new BigDecimal("60000"));

        kafka.send(Topics.RESULTS, decided.aggregateId(), Json.write(decided));

        await().atMost(Duration.ofSeconds(30)).until(() -> support.row(id).syncStatus() == SyncStatus.SYNCED);
        CreatioSync row = support.row(id);
        assertThat(row.openFields).isEmpty();
        assertThat(support.lead(id).budget).isEqualByComparingTo("60000");
        assertThat(new BigDecimal(String.valueOf(row.baseSnapshot.values().get("Budget")))).isEqualByComparingTo("60000");
        // both sides hold exactly the agreed values: the planner and the pull see nothing to do
        assertThat(row.localHash).isEqualTo(CanonicalHash.of(row.baseSnapshot.values()));
        assertThat(row.creatioHash).isEqualTo(row.localHash);
        assertThat(row.syncedVersion).isEqualTo(support.lead(id).version);
        assertThat(allCommands(kafka, id)).hasSize(1);

        // the same result again (redelivered): applied once
        Instant before = row.updatedAt;
        kafka.send(Topics.RESULTS, decided.aggregateId(), Json.write(decided));
        support.apply(decided);
        assertThat(support.row(id).updatedAt).isEqualTo(before);
        assertThat(support.lead(id).version).isEqualTo(row.syncedVersion);
    }

    @Test
    void aValueNiaChangedSinceTheDecisionIsKeptAndGoesToCreatioAgainstTheDecidedBase() {
        UUID id = support.newLead();
        Envelope<Command> command = leadWithBudgetOpen(id);
        // NIA's budget moves after the person decided; that edit's own command is answered before the decision
        setBudget(id, "70000");
        Envelope<Command> edit = commands(kafka, id, 2).get(1);
        support.apply(envelope(edit, answer(edit, Outcome.CONFLICT).newBase(support.row(id).baseSnapshot)
                .openFields(List.of("Budget")).build()));

        support.apply(budgetDecided(command, ResolutionStrategy.MANUAL_MERGE, new BigDecimal("55000")));

        assertThat(support.lead(id).budget).isEqualByComparingTo("70000");
        CreatioSync row = support.row(id);
        assertThat(row.openFields).isEmpty();
        assertThat(new BigDecimal(String.valueOf(row.baseSnapshot.values().get("Budget")))).isEqualByComparingTo("55000");
        SyncCommand next = sync(commands(kafka, id, 3).get(2));
        assertThat(next.operation()).isEqualTo(Operation.UPDATE);
        assertThat(new BigDecimal(String.valueOf(next.niaSnapshot().get("Budget")))).isEqualByComparingTo("70000");
        assertThat(new BigDecimal(String.valueOf(next.base().values().get("Budget")))).isEqualByComparingTo("55000");
    }

    @Test
    void aDecisionAppliedWhileACommandIsInFlightLeavesItAloneAndTheRecordIsPlannedAgainAfterIt() {
        UUID id = support.newLead();
        Envelope<Command> command = leadWithBudgetOpen(id);
        support.editTitle(id, "CEO");
        Envelope<Command> inFlight = commands(kafka, id, 2).get(1);

        support.apply(budgetDecided(command, ResolutionStrategy.MANUAL_MERGE, new BigDecimal("55000")));

        CreatioSync row = support.row(id);
        assertThat(row.pendingCommandId).isEqualTo(inFlight.payload().commandId());
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
        assertThat(row.openFields).isEmpty();
        assertThat(row.replanRequested).isTrue();
        assertThat(support.lead(id).budget).isEqualByComparingTo("55000");

        // the command in flight merged against the base from before the decision and saw the collision again
        Map<String, Object> staleBase = new TreeMap<>(sync(inFlight).niaSnapshot());
        staleBase.put("Budget", new BigDecimal("40000"));
        support.apply(envelope(inFlight, answer(inFlight, Outcome.CONFLICT)
                .newBase(new BaseSnapshot(staleBase, null, null, Instant.now())).openFields(List.of("Budget")).build()));
        Envelope<Command> again = commands(kafka, id, 3).get(2);
        assertThat(new BigDecimal(String.valueOf(sync(again).niaSnapshot().get("Budget")))).isEqualByComparingTo("55000");

        // planned again with NIA's decided value, it finds both sides agreeing: the field closes for good
        support.apply(envelope(again, answer(again, Outcome.SYNCED).newBase(agreedBase(sync(again))).build()));
        row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(row.openFields).isEmpty();
    }

    @Test
    void aSupersededDecisionWritesNothingKeepsTheFieldOpenAndPlansTheRecordAgain() {
        UUID id = support.newLead();
        Envelope<Command> command = leadWithBudgetOpen(id);
        SyncCommand c = sync(command);
        ResolveCommand resolve = new ResolveCommand(UUID.randomUUID(), UUID.randomUUID(),
                c.entity().withCreatioId(c.allocatedCreatioId()), MismatchType.FIELD_MISMATCH, ResolutionStrategy.LOCAL_WINS,
                "Budget", 50000, 50000, 60000, "olga.operator", 1, 1);

        support.apply(Envelope.result(Envelope.command(resolve, UUID.randomUUID()), SyncResult.answering(resolve,
                Outcome.SUPERSEDED, "test-worker").action(Action.NO_OP).openFields(List.of("Budget")).build()));

        CreatioSync row = support.row(id);
        assertThat(row.openFields).containsExactly("Budget");
        assertThat(support.lead(id).budget).isEqualByComparingTo("50000");
        SyncCommand next = sync(commands(kafka, id, 2).get(1));
        assertThat(row.pendingCommandId).isEqualTo(next.commandId());
    }

    @Test
    void aFailedDecisionChangesNothing() {
        UUID id = support.newLead();
        Envelope<Command> command = leadWithBudgetOpen(id);
        CreatioSync before = support.row(id);
        SyncCommand c = sync(command);
        ResolveCommand resolve = new ResolveCommand(UUID.randomUUID(), UUID.randomUUID(),
                c.entity().withCreatioId(c.allocatedCreatioId()), MismatchType.FIELD_MISMATCH, ResolutionStrategy.LOCAL_WINS,
                "Budget", 50000, 50000, 60000, "olga.operator", 1, 1);

        support.apply(Envelope.result(Envelope.command(resolve, UUID.randomUUID()), SyncResult.answering(resolve,
                Outcome.FAILED, "test-worker").failure(new Failure(Failure.Category.TRANSIENT, "CREATIO_UNAVAILABLE", 503, null))
                .build()));

        CreatioSync row = support.row(id);
        assertThat(row.openFields).containsExactly("Budget");
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.CONFLICT);
        assertThat(row.baseSnapshot.values()).isEqualTo(before.baseSnapshot.values());
        assertThat(allCommands(kafka, id)).hasSize(1);
    }

    @Test
    void pickingTheCreatioRecordOfADuplicateMatchLinksItAndPlansTheFirstMerge() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        SyncCommand c = sync(command);
        support.apply(envelope(command, SyncResult.answering(c, Outcome.CONFLICT, "test-worker").action(Action.CONFLICT)
                .openFields(List.of("Id")).build()));
        assertThat(support.row(id).creatioId).isNull();
        UUID chosen = UUID.randomUUID();
        ResolveCommand pick = new ResolveCommand(UUID.randomUUID(), UUID.randomUUID(), c.entity(), MismatchType.DUPLICATE_MATCH,
                ResolutionStrategy.PICK_CREATIO_RECORD, null, chosen.toString(), null, null, "olga.operator", 1, 1);

        support.apply(Envelope.result(Envelope.command(pick, UUID.randomUUID()), SyncResult.answering(pick, Outcome.SYNCED,
                "test-worker").action(Action.LINK).entity(c.entity().withCreatioId(chosen)).closedFields(List.of("Id")).build()));

        CreatioSync row = support.row(id);
        assertThat(row.creatioId).isEqualTo(chosen);
        assertThat(row.openFields).isEmpty();
        SyncCommand merge = sync(commands(kafka, id, 2).get(1));
        assertThat(merge.operation()).isEqualTo(Operation.UPDATE);
        assertThat(merge.entity().creatioId()).isEqualTo(chosen);
        assertThat(merge.base()).isNull();
        assertThat(row.pendingCommandId).isEqualTo(merge.commandId());
    }

    /** A linked lead whose NIA edit met its Creatio record deleted: update_vs_delete, Id open. */
    private SyncCommand updateVsDelete(UUID id) {
        Envelope<Command> first = only(commands(kafka, id, 1));
        support.apply(envelope(first, answer(first, Outcome.SYNCED).newBase(agreedBase(sync(first))).build()));
        support.editTitle(id, "CEO");
        Envelope<Command> update = commands(kafka, id, 2).get(1);
        support.apply(envelope(update, SyncResult.answering(update.payload(), Outcome.CONFLICT, "test-worker")
                .action(Action.CONFLICT).openFields(List.of("Id")).creatioDeleted(true).build()));
        assertThat(support.row(id).creatioDeletedAt).isNotNull();
        return sync(update);
    }

    private static Envelope<SyncResult> updateVsDeleteDecided(SyncCommand update, ResolutionStrategy strategy) {
        ResolveCommand resolve = new ResolveCommand(UUID.randomUUID(), UUID.randomUUID(), update.entity(),
                MismatchType.UPDATE_VS_DELETE, strategy, null, null, null, null, "olga.operator", 1, 1);
        SyncResult.Builder result = strategy == ResolutionStrategy.DELETE_IN_NIA
                ? SyncResult.answering(resolve, Outcome.SYNCED, "test-worker").action(Action.DELETE).creatioDeleted(true)
                        .closedFields(List.of("Id"))
                : SyncResult.answering(resolve, Outcome.CONFLICT, "test-worker").action(Action.RESTORE).creatioDeleted(true)
                        .openFields(List.of("Id"));
        return Envelope.result(Envelope.command(resolve, UUID.randomUUID()), result.build());
    }

    @Test
    void deleteInNiaSoftDeletesTheLeadKeepsItsTombstoneAndClosesId() {
        UUID id = support.newLead();
        SyncCommand update = updateVsDelete(id);

        support.apply(updateVsDeleteDecided(update, ResolutionStrategy.DELETE_IN_NIA));

        assertThat(support.lead(id).deleted).isTrue();
        CreatioSync row = support.row(id);
        assertThat(row.openFields).isEmpty();
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.SYNCED);
        Number tombstones = QuarkusTransaction.requiringNew().call(() -> (Number) em.createNativeQuery(
                "SELECT count(*) FROM sync_deletion WHERE local_id = ?1").setParameter(1, id).getSingleResult());
        assertThat(tombstones.intValue()).isEqualTo(1);
        assertThat(allCommands(kafka, id)).hasSize(2);
    }

    @Test
    void restoreInCreatioPlansTheRestoreWithTheFormerIdAndTheNiaValuesAndIdStaysOpenUntilItsResult() {
        UUID id = support.newLead();
        SyncCommand update = updateVsDelete(id);

        support.apply(updateVsDeleteDecided(update, ResolutionStrategy.RESTORE_IN_CREATIO));

        SyncCommand restore = sync(commands(kafka, id, 3).get(2));
        assertThat(restore.operation()).isEqualTo(Operation.RESTORE);
        assertThat(restore.allocatedCreatioId()).isEqualTo(update.entity().creatioId());
        assertThat(restore.niaSnapshot()).containsEntry("FullJobTitle", "CEO");
        CreatioSync row = support.row(id);
        assertThat(row.openFields).containsExactly("Id");
        assertThat(row.pendingCommandId).isEqualTo(restore.commandId());
        assertThat(support.lead(id).deleted).isFalse();
    }
}
