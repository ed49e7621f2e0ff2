package com.nia.crmsync.syncapi.planning;

import static com.nia.crmsync.syncapi.sync.SyncTestSupport.answer;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.commands;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.envelope;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.only;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/** Retries planned from the sync state: once per due row however many schedulers race, and re-queued failures. */
@QuarkusTest
@SyncApiInfrastructure
class RetrySchedulerTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncTestSupport support;

    @Inject
    RetryScheduler scheduler;

    @Inject
    RetryFailed retryFailed;

    @Test
    void twoRacingSchedulersPlanEachDueRowOnce() throws Exception {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            UUID id = support.newLead();
            Envelope<Command> command = only(commands(kafka, id, 1));
            support.apply(envelope(command, answer(command, Outcome.RETRYABLE_FAILURE)
                    .failure(new Failure(Failure.Category.TRANSIENT, "timeout", null, null)).build()));
            support.sql("UPDATE creatio_sync SET next_retry_at = now() - interval '1 second' WHERE local_id = ?1", id);
            ids.add(id);
        }

        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return scheduler.planDue(200);
                }));
            }
            start.countDown();
            int planned = 0;
            for (Future<Integer> run : runs) {
                planned += run.get();
            }
            assertThat(planned).isGreaterThanOrEqualTo(ids.size());
        } finally {
            pool.shutdownNow();
        }
        // and a third run later finds nothing of these due
        scheduler.planDue(200);

        Map<String, List<Envelope<Command>>> byKey = commandsByKey(ids, 2);
        for (UUID id : ids) {
            List<Envelope<Command>> cs = byKey.get(EntityKey.kafkaKey(EntityType.LEAD, id));
            assertThat(cs).as("commands of %s", id).hasSize(2);
            assertThat(sync(cs.get(1)).commandId()).isEqualTo(sync(cs.get(0)).commandId());
            assertThat(sync(cs.get(1)).attempt()).isEqualTo(2);
            CreatioSync row = support.row(id);
            assertThat(row.syncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
            assertThat(row.attempt).isEqualTo(2);
            assertThat(row.retryCount).isEqualTo(1);
        }
    }

    @Test
    void aRecordInProgressForTooLongIsPlannedAgain() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        support.sql("UPDATE creatio_sync SET planned_at = now() - interval '1 hour' WHERE local_id = ?1", id);

        scheduler.planDue(200);

        List<Envelope<Command>> all = commands(kafka, id, 2);
        assertThat(all).hasSize(2);
        assertThat(sync(all.get(1)).commandId()).isEqualTo(sync(command).commandId());
        assertThat(sync(all.get(1)).attempt()).isEqualTo(2);
        assertThat(support.row(id).retryCount).isEqualTo(1);
    }

    @Test
    void aRecordThatNeverAnswersFailsOnceItsAttemptsAreSpent() {
        UUID id = support.newLead();
        only(commands(kafka, id, 1));
        support.sql("UPDATE creatio_sync SET planned_at = now() - interval '1 hour', retry_count = 5, max_retries = 5 WHERE local_id = ?1", id);

        scheduler.planDue(200);

        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.FAILED);
        assertThat(row.pendingCommandId).isNull();
        assertThat(row.lastError).startsWith("transient: no result within");
        assertThat(SyncTestSupport.allCommands(kafka, id)).hasSize(1);
    }

    @Test
    void aDueRowWhoseRecordIsGoneIsSkippedAndDoesNotStopTheOthers() {
        UUID orphan = UUID.randomUUID();
        support.sql("INSERT INTO creatio_sync (entity_type, local_id, status, next_retry_at, pending_command_id, updated_at) "
                + "VALUES ('lead', ?1, 'pending', now() - interval '1 minute', ?2, now())", orphan, UUID.randomUUID());
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        support.apply(envelope(command, answer(command, Outcome.RETRYABLE_FAILURE)
                .failure(new Failure(Failure.Category.TRANSIENT, "timeout", null, null)).build()));
        support.sql("UPDATE creatio_sync SET next_retry_at = now() - interval '1 second' WHERE local_id = ?1", id);

        scheduler.planDue(200);

        assertThat(support.row(orphan).syncStatus()).isEqualTo(SyncStatus.SKIPPED);
        assertThat(commands(kafka, id, 2)).hasSize(2);
    }

    @Test
    void aRetryAfterABudgetRefusalIsANewCommand() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        support.apply(envelope(command, answer(command, Outcome.RETRYABLE_FAILURE)
                .failure(new Failure(Failure.Category.BUDGET_EXHAUSTED, "budget spent", 429, null)).build()));
        support.sql("UPDATE creatio_sync SET next_retry_at = now() - interval '1 second' WHERE local_id = ?1", id);

        scheduler.planDue(200);

        List<Envelope<Command>> all = commands(kafka, id, 2);
        assertThat(all).hasSize(2);
        assertThat(sync(all.get(1)).commandId()).isNotEqualTo(sync(command).commandId());
        assertThat(sync(all.get(1)).attempt()).isEqualTo(1);
        assertThat(support.row(id).freshCommand).isFalse();
    }

    @Test
    void retryFailedRequeuesFailedRecordsAsNewCommands() {
        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        support.apply(envelope(command, answer(command, Outcome.FAILED)
                .failure(new Failure(Failure.Category.TRANSIENT, "timeout", 504, null)).build()));
        assertThat(support.row(id).syncStatus()).isEqualTo(SyncStatus.FAILED);

        assertThat(retryFailed.retryFailed(EntityType.CONTACT, List.of(id), null)).isZero();
        UUID runId = UUID.randomUUID();
        assertThat(retryFailed.retryFailed(EntityType.LEAD, List.of(id), runId)).isEqualTo(1);
        CreatioSync row = support.row(id);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.PENDING);
        assertThat(row.retryCount).isZero();
        assertThat(row.nextRetryAt).isBeforeOrEqualTo(Instant.now());
        assertThat(row.runId).isEqualTo(runId);
        assertThat(retryFailed.retryFailed(EntityType.LEAD, List.of(id), null)).isZero();

        scheduler.planDue(200);

        List<Envelope<Command>> all = commands(kafka, id, 2);
        assertThat(all).hasSize(2);
        assertThat(sync(all.get(1)).commandId()).isNotEqualTo(sync(command).commandId());
        assertThat(sync(all.get(1)).attempt()).isEqualTo(1);
        assertThat(sync(all.get(1)).runId()).isEqualTo(runId);
        assertThat(support.row(id).syncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
    }

    private Map<String, List<Envelope<Command>>> commandsByKey(List<UUID> ids, int each) {
        List<String> keys = ids.stream().map(id -> EntityKey.kafkaKey(EntityType.LEAD, id)).toList();
        kafka.readUntil(Topics.COMMANDS_REALTIME, rs -> keys.stream()
                .allMatch(k -> rs.stream().filter(r -> k.equals(r.key())).count() >= each), Duration.ofSeconds(30));
        List<ConsumerRecord<String, String>> all = kafka.readAll(Topics.COMMANDS_REALTIME, Duration.ofSeconds(3));
        return all.stream().filter(r -> keys.contains(r.key())).collect(Collectors.groupingBy(ConsumerRecord::key,
                Collectors.mapping(r -> Json.readEnvelope(r.value(), Command.class), Collectors.toList())));
    }

}
