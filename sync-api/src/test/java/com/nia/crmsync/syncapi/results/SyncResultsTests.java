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

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.planning.SyncRun;
import com.nia.crmsync.syncapi.planning.SyncRunRepository;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/** Results applied to the sync state, the lead, the run and the sync log, over the real database and broker. */
@QuarkusTest
@SyncApiInfrastructure
class SyncResultsTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncTestSupport support;

    @Inject
    SyncPlanner planner;

    @Inject
    SyncRunRepository runs;

    @Inject
    SyncLogRepository log;

    @Test
    void aSyncedResultFromTheResultsTopicStoresTheBaseHashesAndCreatioId() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        BaseSnapshot base = agreedBase(sync(command));
        SyncResult result = answer(command, Outcome.SYNCED).newBase(base).build();

        kafka.send(Topics.RESULTS, command.aggregateId(), Json.write(envelope(command, result)));

        await().atMost(Duration.ofSeconds(30)).until(() -> support.row(id).syncStatus() == SyncStatus.SYNCED);
        CreatioSync row = support.row(id);
        assertThat(row.creatioId).isEqualTo(sync(command).allocatedCreatioId());
        assertThat(row.baseSnapshot.values()).isEqualTo(base.values());
        assertThat(row.localHash).isEqualTo(base.niaHash());
        assertThat(row.creatioHash).isEqualTo(base.creatioHash());
        assertThat(row.pendingCommandId).isNull();
        assertThat(row.retryCount).isZero();
        assertThat(row.nextRetryAt).isNull();
        assertThat(row.lastSyncedAt).isNotNull();
        assertThat(row.lastOutcome).isEqualTo("synced");
        assertThat(row.syncedVersion).isZero();
        assertThat(row.creatioModifiedOn).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void aDuplicateOrStaleResultChangesNothing() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        SyncResult synced = answer(command, Outcome.SYNCED).newBase(agreedBase(sync(command))).build();
        support.apply(envelope(command, synced));
        CreatioSync before = support.row(id);

        // the same result again (a redelivery), then the result of a command that is not the record's
        support.apply(envelope(command, synced));
        SyncCommand other = SyncCommand.builder(sync(command).entity(), sync(command).operation(), Lane.REALTIME, 1)
                .nia(Map.of(), null, 0L).build();
        SyncResult stale = SyncResult.answering(other, Outcome.FAILED, "test-worker")
                .failure(new Failure(Failure.Category.VALIDATION, "rejected", 400, null)).build();
        support.apply(Envelope.result(Envelope.command(other, UUID.randomUUID()), stale));

        CreatioSync after = support.row(id);
        assertThat(after.syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(after.updatedAt).isEqualTo(before.updatedAt);
        assertThat(after.lastError).isNull();
        assertThat(QuarkusTransaction.requiringNew().call(() -> log.count("localId = ?1", id))).isEqualTo(1);
    }

    @Test
    void pulledValuesReachTheLeadWithoutAnEchoCommand() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        SyncResult result = answer(command, Outcome.SYNCED).newBase(agreedBase(sync(command)))
                .pulledValues(Map.of("MobilePhone", "+1 555 0100", "Contact", "Ada King")).build();

        support.apply(envelope(command, result));

        Lead lead = support.lead(id);
        assertThat(lead.phone).isEqualTo("+1 555 0100");
        assertThat(lead.firstName).isEqualTo("Ada");
        assertThat(lead.lastName).isEqualTo("King");
        assertThat(lead.version).isEqualTo(1);
        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(row.syncedVersion).isEqualTo(1);
        assertThat(allCommands(kafka, id)).hasSize(1);
    }

    @Test
    void aPulledValueNeverOverwritesAFieldNiaChangedMeanwhile() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        support.editTitle(id, "CEO");
        SyncResult result = answer(command, Outcome.SYNCED).newBase(agreedBase(sync(command)))
                .pulledValues(Map.of("FullJobTitle", "VP Engineering", "MobilePhone", "+1 555 0101")).build();

        support.apply(envelope(command, result));

        Lead lead = support.lead(id);
        assertThat(lead.title).isEqualTo("CEO");
        assertThat(lead.phone).isEqualTo("+1 555 0101");
        // NIA's newer title goes out in the next command, planned against the base just stored
        List<Envelope<Command>> all = commands(kafka, id, 2);
        assertThat(all).hasSize(2);
        SyncCommand next = sync(all.get(1));
        assertThat(next.niaSnapshot()).containsEntry("FullJobTitle", "CEO").containsEntry("MobilePhone", "+1 555 0101");
        assertThat(next.base().values()).isEqualTo(sync(command).niaSnapshot());
    }

    @Test
    void aConflictKeepsItsOpenFields() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        SyncResult result = answer(command, Outcome.CONFLICT).newBase(agreedBase(sync(command)))
                .openFields(List.of("Budget")).build();

        support.apply(envelope(command, result));

        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.CONFLICT);
        assertThat(row.openFields).containsExactly("Budget");
        assertThat(row.creatioId).isNotNull();
        SyncLogEntry entry = QuarkusTransaction.requiringNew().call(() -> log.find("localId = ?1", id).firstResult());
        assertThat(entry.level).isEqualTo("warning");
        assertThat(entry.outcome).isEqualTo("conflict");
    }

    @Test
    void aResolutionClosesItsFieldAndWritesTheChosenValueWithoutAnEcho() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        support.apply(envelope(command, answer(command, Outcome.CONFLICT).newBase(agreedBase(sync(command)))
                .openFields(List.of("Budget")).build()));
        ResolveCommand resolve = new ResolveCommand(UUID.randomUUID(), UUID.randomUUID(),
                sync(command).entity().withCreatioId(sync(command).allocatedCreatioId()), MismatchType.FIELD_MISMATCH,
                ResolutionStrategy.CREATIO_WINS, "Budget", 60000, 50000, 60000, "reviewer", 1, 1);
        SyncResult resolved = SyncResult.answering(resolve, Outcome.SYNCED, "test-worker").action(Action.UPDATE)
                .closedFields(List.of("Budget")).pulledValues(Map.of("Budget", 60000)).build();

        support.apply(Envelope.result(Envelope.command(resolve, UUID.randomUUID()), resolved));

        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(row.openFields).isEmpty();
        Lead lead = support.lead(id);
        assertThat(lead.budget).isEqualByComparingTo("60000");
        assertThat(row.syncedVersion).isEqualTo(lead.version);
        assertThat(allCommands(kafka, id)).hasSize(1);
    }

    @Test
    void aNewEditAfterAFailureStartsCountingAttemptsAgain() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        support.sql("UPDATE creatio_sync SET retry_count = 5 WHERE local_id = ?1", id);
        support.apply(envelope(command, answer(command, Outcome.FAILED)
                .failure(new Failure(Failure.Category.VALIDATION, "required column missing", 400, null)).build()));
        assertThat(support.row(id).deadLetteredAt).isNull();

        support.editTitle(id, "CEO");

        List<Envelope<Command>> all = commands(kafka, id, 2);
        assertThat(all).hasSize(2);
        assertThat(sync(all.get(1)).attempt()).isEqualTo(1);
        assertThat(support.row(id).retryCount).isZero();
    }

    @Test
    void aTransientFailureIsRescheduledWithinTheBackOffRange() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        support.apply(envelope(command, answer(command, Outcome.RETRYABLE_FAILURE)
                .failure(new Failure(Failure.Category.TRANSIENT, "503 Service Unavailable", 503, null)).build()));
        Instant after = Instant.now();

        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.PENDING);
        assertThat(row.retryCount).isEqualTo(1);
        assertThat(row.nextRetryAt).isBetween(before, after.plusSeconds(5));
        assertThat(row.pendingCommandId).isEqualTo(sync(command).commandId());
        assertThat(row.freshCommand).isFalse();
        assertThat(row.lastError).startsWith("transient (HTTP 503)");
    }

    @Test
    void aBudgetRefusalWaitsWithoutCountingAnAttempt() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        Instant before = Instant.now();
        support.apply(envelope(command, answer(command, Outcome.RETRYABLE_FAILURE)
                .failure(new Failure(Failure.Category.BUDGET_EXHAUSTED, "daily budget spent", 429, null)).build()));

        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.PENDING);
        assertThat(row.retryCount).isZero();
        assertThat(row.freshCommand).isTrue();
        // sync-api.sync.budget-pause (1 min)
        assertThat(row.nextRetryAt).isBetween(before.plus(Duration.ofMinutes(1)).minusSeconds(1), Instant.now().plus(Duration.ofMinutes(1)));
    }

    @Test
    void aFailureEndsFailedWithASanitisedErrorAndTheDeadLetterTime() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        String email = support.lead(id).email;
        support.apply(envelope(command, answer(command, Outcome.FAILED)
                .failure(new Failure(Failure.Category.TRANSIENT, "timeout writing " + email + " for Ada Lovelace, phone +44 20 7946 0958", 504, null))
                .build()));

        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(row.deadLetteredAt).isNotNull();
        assertThat(row.pendingCommandId).isNull();
        assertThat(row.lastError).startsWith("transient (HTTP 504): timeout writing")
                .doesNotContain(email).doesNotContain("Ada").doesNotContain("Lovelace").doesNotContain("7946");
    }

    @Test
    void theLogEntryNamesFieldsAndCallsButNoPersonalData() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        Lead lead = support.lead(id);
        support.apply(envelope(command, answer(command, Outcome.RETRYABLE_FAILURE)
                .failure(new Failure(Failure.Category.TRANSIENT, "Creatio said 'Lovelace' is invalid for " + lead.email
                        + " (call Ada Lovelace on +44 20 7946 0958)", 503, null)).build()));

        SyncLogEntry entry = QuarkusTransaction.requiringNew().call(() -> log.find("localId = ?1", id).firstResult());
        assertThat(entry.operation).isEqualTo("retryable_failure");
        assertThat(entry.level).isEqualTo("warning");
        assertThat(entry.durationMs).isEqualTo(150);
        assertThat(entry.commandId).isEqualTo(sync(command).commandId());
        assertThat(entry.correlationId).isEqualTo(command.correlationId().toString());
        assertThat(entry.entityType).isEqualTo("lead");
        String summary = Json.write(entry.summary);
        assertThat(summary).contains("\"field\":\"Email\"", "\"target\":\"creatio\"", "POST Lead", "\"category\":\"transient\"")
                .doesNotContain(lead.email).doesNotContain("@").doesNotContain("Ada").doesNotContain("Lovelace")
                .doesNotContain("7946").doesNotContain("Analytical");
    }

    @Test
    void aRunRequestDeferredByACommandInFlightIsCountedWhenTheRecordSettles() {
        UUID forcedRun = newRun(1);
        UUID plainRun = newRun(1);
        UUID id = support.newLead();
        Envelope<Command> first = only(commands(kafka, id, 1));
        assertThat(plan(id, forcedRun, true)).isEqualTo(SyncPlanner.Planned.DEFERRED);

        support.apply(envelope(first, answer(first, Outcome.SYNCED).newBase(agreedBase(sync(first))).build()));

        // the forced run's plan follows the in-flight result, and its result counts for that run
        Envelope<Command> second = commands(kafka, id, 2).get(1);
        assertThat(sync(second).runId()).isEqualTo(forcedRun);
        assertThat(plan(id, plainRun, false)).isEqualTo(SyncPlanner.Planned.DEFERRED);
        support.apply(envelope(second, answer(second, Outcome.NO_CHANGE).newBase(agreedBase(sync(second))).build()));
        SyncRun forced = QuarkusTransaction.requiringNew().call(() -> runs.findById(forcedRun));
        assertThat(forced.noChange).isEqualTo(1);
        assertThat(forced.status).isEqualTo("completed");
        // the plain run's plan found nothing changed: counted at once, no command
        SyncRun plain = QuarkusTransaction.requiringNew().call(() -> runs.findById(plainRun));
        assertThat(plain.done).isEqualTo(1);
        assertThat(plain.noChange).isEqualTo(1);
        assertThat(plain.status).isEqualTo("completed");
        assertThat(allCommands(kafka, id)).hasSize(2);
    }

    @Test
    void aRunStillPlanningIsNotCompletedWhenItsAnswersCatchUpWithTheTotalPlannedSoFar() {
        SyncRun planning = new SyncRun();
        planning.status = "planning";
        planning.total = 2;
        planning.recordDone();
        planning.recordDone();
        assertThat(planning.status).isEqualTo("planning");
        assertThat(planning.finishedAt).isNull();

        SyncRun running = new SyncRun();
        running.status = "running";
        running.total = 1;
        running.recordDone();
        assertThat(running.status).isEqualTo("completed");
        assertThat(running.finishedAt).isNotNull();
    }

    private UUID newRun(int total) {
        UUID runId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            SyncRun run = new SyncRun();
            run.id = runId;
            run.kind = "sync_lead";
            run.status = "running";
            run.requestedBy = "operator-of-the-run";
            run.total = total;
            run.createdAt = Instant.now();
            runs.persist(run);
        });
        return runId;
    }

    private SyncPlanner.Planned plan(UUID id, UUID runId, boolean force) {
        return QuarkusTransaction.requiringNew().call(() -> planner.plan(
                new SyncPlanner.Request(EntityType.LEAD, id, Lane.REALTIME, runId, SyncPlanner.Way.BOTH, force, false)));
    }

    @Test
    void aRunCountsFinalOutcomesAndCompletes() {
        UUID id = support.newLead();
        Envelope<Command> first = only(commands(kafka, id, 1));
        support.apply(envelope(first, answer(first, Outcome.SYNCED).newBase(agreedBase(sync(first))).build()));
        UUID runId = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            SyncRun run = new SyncRun();
            run.id = runId;
            run.kind = "sync_lead";
            run.status = "running";
            run.requestedBy = "operator-of-the-run";
            run.total = 1;
            run.createdAt = Instant.now();
            runs.persist(run);
            planner.plan(new SyncPlanner.Request(EntityType.LEAD, id, Lane.REALTIME, runId, SyncPlanner.Way.BOTH, true, false));
        });
        Envelope<Command> second = commands(kafka, id, 2).get(1);
        assertThat(sync(second).runId()).isEqualTo(runId);
        assertThat(second.correlationId()).isEqualTo(runId);

        support.apply(envelope(second, answer(second, Outcome.RETRYABLE_FAILURE)
                .failure(new Failure(Failure.Category.TRANSIENT, "timeout", null, null)).build()));
        assertThat(QuarkusTransaction.requiringNew().call(() -> runs.findById(runId)).done).isZero();
        // the retry of the same command answers synced
        support.sql("UPDATE creatio_sync SET next_retry_at = now() - interval '1 second' WHERE local_id = ?1", id);
        support.planDueOnce();
        Envelope<Command> retry = commands(kafka, id, 3).get(2);
        assertThat(sync(retry).commandId()).isEqualTo(sync(second).commandId());
        assertThat(sync(retry).attempt()).isEqualTo(2);
        support.apply(envelope(retry, answer(retry, Outcome.NO_CHANGE).newBase(agreedBase(sync(retry))).build()));

        SyncRun run = QuarkusTransaction.requiringNew().call(() -> runs.findById(runId));
        assertThat(run.done).isEqualTo(1);
        assertThat(run.noChange).isEqualTo(1);
        assertThat(run.status).isEqualTo("completed");
        assertThat(run.finishedAt).isNotNull();
        List<SyncLogEntry> entries = QuarkusTransaction.requiringNew().call(() -> log.list("runId = ?1", runId));
        assertThat(entries).hasSize(2).allSatisfy(e -> assertThat(e.userName).isEqualTo("operator-of-the-run"));
    }
}
