package com.nia.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.conflict.repository.SyncConflictRepository;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/** The inbox over the real broker: mismatches become conflicts once, decided ones are recorded, newer changes supersede. */
@QuarkusTest
@ConflictServiceInfrastructure
class ConflictInboxTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncConflictRepository repository;

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void keepsAManualMismatchAsOnePendingConflictWithAllItsValues() {
        EntityKey lead = Conflicts.newLead();
        Instant detected = Instant.parse("2026-11-27T10:00:00Z");
        Mismatch m = Conflicts.manual(lead, "MobilePhone", "+49 30 1", "+49 30 2", "+49 30 3", detected);
        Conflicts.publishMismatches(kafka, m);

        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 1);
        SyncConflict c = Conflicts.one(repository, lead, "MobilePhone");
        assertThat(c.status).isEqualTo("pending");
        assertThat(c.conflictType).isEqualTo("field_mismatch");
        assertThat(c.entityType).isEqualTo("lead");
        assertThat(c.localId).isEqualTo(lead.localId());
        assertThat(c.creatioId).isEqualTo(lead.creatioId());
        assertThat(c.baseValue()).isEqualTo("+49 30 1");
        assertThat(c.niaValue()).isEqualTo("+49 30 2");
        assertThat(c.creatioValue()).isEqualTo("+49 30 3");
        assertThat(c.niaChangedAt).isEqualTo(m.niaChangedAt());
        assertThat(c.creatioChangedAt).isEqualTo(m.creatioChangedAt());
        assertThat(c.detectedAt).isEqualTo(detected);
        assertThat(c.policy).isEqualTo("manual");
        assertThat(c.reason).isEqualTo("manual: both sides changed MobilePhone");
        assertThat(c.sourceCommandId).isEqualTo(m.commandId());
        assertThat(c.strategy).isNull();
        assertThat(c.resolvedBy).isNull();
    }

    @Test
    void addsNoRowWhenTheSameMismatchIsRedeliveredAndUpdatesTheOpenConflictWhenReportedAgain() {
        EntityKey lead = Conflicts.newLead();
        Mismatch first = Conflicts.manual(lead, "Email", "a@x.de", "b@x.de", "c@x.de", Instant.now().minusSeconds(5));
        Mismatch again = Conflicts.manual(lead, "Email", "a@x.de", "b@x.de", "d@x.de", Instant.now());
        // the same event twice (a redelivery), then the same disagreement found by a later command
        Conflicts.publish(kafka, Topics.MISMATCHES, List.of(Conflicts.envelope(first), Conflicts.envelope(first),
                Conflicts.envelope(again)));

        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).stream().anyMatch(c -> c.reportedCount == 2));
        List<SyncConflict> rows = Conflicts.of(repository, lead);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).creatioValue()).isEqualTo("d@x.de");
        assertThat(rows.get(0).sourceCommandId).isEqualTo(again.commandId());
        assertThat(rows.get(0).status).isEqualTo("pending");
    }

    @Test
    void recordsAnAutomaticDecisionAsAutoResolvedWithItsReason() {
        EntityKey lead = Conflicts.newLead();
        Mismatch m = Conflicts.decided(lead, "Budget", new BigDecimal("1000.00"), new BigDecimal("1500.00"),
                new BigDecimal("2000.00"), ConflictPolicy.NEWEST_WINS, Side.CREATIO, "newest_wins: Creatio changed 12 s later");
        Conflicts.publishMismatches(kafka, m);

        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 1);
        SyncConflict c = Conflicts.one(repository, lead, "Budget");
        assertThat(c.status).isEqualTo("auto_resolved");
        assertThat(c.policy).isEqualTo("newest_wins");
        assertThat(c.reason).isEqualTo("newest_wins: Creatio changed 12 s later");
        assertThat(c.strategy).isEqualTo("creatio_wins");
        assertThat(c.chosenValue()).isEqualTo(new BigDecimal("2000.00"));
        assertThat(c.resolvedBy).isEqualTo("policy:newest_wins");
        // PostgreSQL keeps microseconds
        // PostgreSQL keeps microseconds; the driver rounds the nanoseconds, so allow the last microsecond either way
        assertThat(c.resolvedAt).isCloseTo(m.detectedAt(), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MICROS));
        assertThat(c.commandId).as("nothing is sent for a decision already carried out").isNull();
    }

    @Test
    void keepsNoConflictForADryRunMismatch() {
        EntityKey lead = Conflicts.newLead();
        Mismatch real = Conflicts.manual(lead, "Phone", "1", "2", "3", Instant.now());
        Mismatch planned = Conflicts.manual(lead, "Website", "a", "b", "c", Instant.now());
        Mismatch dryRun = new Mismatch(planned.commandId(), 1, planned.type(), lead, "Website", "a", "b", "c", null, null,
                ConflictPolicy.MANUAL, null, null, "plan", null, null, 3, true, planned.runId(), Instant.now());
        // same key, same partition: once the real one is stored the dry run before it was seen
        Conflicts.publishMismatches(kafka, dryRun, real);

        await().atMost(WAIT).until(() -> !Conflicts.of(repository, lead).isEmpty());
        assertThat(Conflicts.of(repository, lead)).extracting(c -> c.field).containsExactly("Phone");
    }

    @Test
    void supersedesAPendingConflictWhenANewerChangeToItsFieldIsSynced() {
        EntityKey lead = Conflicts.newLead();
        Instant detected = Instant.now().minusSeconds(120);
        Conflicts.publishMismatches(kafka, Conflicts.manual(lead, "MobilePhone", "1", "2", "3", detected),
                Conflicts.manual(lead, "Email", "a@x.de", "b@x.de", "c@x.de", detected));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 2);

        SyncCommand later = SyncCommand.builder(lead, Operation.UPDATE, Lane.REALTIME, 3).build();
        SyncResult result = SyncResult.answering(later, Outcome.SYNCED, "test-worker")
                .changes(List.of(new FieldChange("MobilePhone", Side.CREATIO, "3", "4")))
                .pulledValues(Map.of())
                .build();
        Conflicts.publishResult(kafka, Envelope.command(later, later.commandId()), result);

        await().atMost(WAIT).until(() -> "superseded".equals(Conflicts.one(repository, lead, "MobilePhone").status));
        SyncConflict phone = Conflicts.one(repository, lead, "MobilePhone");
        assertThat(phone.reason).contains("MobilePhone changed by command " + later.commandId());
        assertThat(Conflicts.one(repository, lead, "Email").status).as("another field stays open").isEqualTo("pending");
    }

    /**
     * The long chaos run's lost update: a worker killed after it ran a lead's create ran it again later;
     * the create's fresh merge (first sync, creatio_wins) reported a decision on Budget and pulled it,
     * and both made the person's pending conflict on Budget, raised by a newer command, superseded —
     * though sync-api applied neither (it had that result already), so the decision never happened.
     */
    @Test
    void reportsOfACommandPlannedFromAnOlderVersionThanAConflictsLeaveItPendingWithItsValues() {
        EntityKey lead = Conflicts.newLead();
        Instant detected = Instant.now().minusSeconds(60);
        Conflicts.publishMismatches(kafka, Conflicts.manual(lead, "Budget", "0", "2002", "1001", detected).withNiaVersion(3L),
                Conflicts.manual(lead, "Email", "a@x.de", "b@x.de", "c@x.de", detected).withNiaVersion(3L));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 2);

        // the create run again: planned from version 1, its decision and its own report of the values it saw
        Conflicts.publishMismatches(kafka,
                Conflicts.decided(lead, "Budget", null, "0", "1001", ConflictPolicy.CREATIO_WINS, Side.CREATIO, "first sync: creatio_wins")
                        .withNiaVersion(1L),
                Conflicts.manual(lead, "Budget", null, "0", "999", Instant.now()).withNiaVersion(1L),
                // then a marker: once it is stored, everything before it on the partition was applied
                Conflicts.manual(lead, "MobilePhone", "1", "2", "3", Instant.now()).withNiaVersion(3L));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).stream().anyMatch(c -> "MobilePhone".equals(c.field)));
        SyncConflict budget = Conflicts.one(repository, lead, "Budget");
        assertThat(budget.status).isEqualTo("pending");
        assertThat(budget.creatioValue()).as("the older report's values are not the conflict's").isEqualTo("1001");
        assertThat(Conflicts.of(repository, lead)).as("no decision kept that sync-api never applied")
                .noneMatch(c -> "auto_resolved".equals(c.status));

        // its result pulled Budget; then a newer command's result changes Email (the marker on the results topic)
        SyncCommand create = SyncCommand.builder(lead, Operation.UPSERT, Lane.REALTIME, 3).nia(Map.of(), Instant.now(), 1L).build();
        Conflicts.publishResult(kafka, Envelope.command(create, create.commandId()), SyncResult.answering(create, Outcome.SYNCED, "test-worker")
                .changes(List.of(new FieldChange("Budget", Side.CREATIO, "0", "1001"))).pulledValues(Map.of("Budget", "1001")).build());
        SyncCommand newer = SyncCommand.builder(lead, Operation.UPDATE, Lane.REALTIME, 3).nia(Map.of(), Instant.now(), 4L).build();
        Conflicts.publishResult(kafka, Envelope.command(newer, newer.commandId()), SyncResult.answering(newer, Outcome.SYNCED, "test-worker")
                .changes(List.of(new FieldChange("Email", Side.NIA, "c@x.de", "e@x.de"))).pulledValues(Map.of()).build());

        await().atMost(WAIT).until(() -> "superseded".equals(Conflicts.one(repository, lead, "Email").status));
        assertThat(Conflicts.one(repository, lead, "Budget").status).as("overtaken by nothing newer").isEqualTo("pending");
    }

    @Test
    void deadLettersAMismatchItCannotReadWithTheReason() {
        String key = "lead:" + java.util.UUID.randomUUID();
        kafka.send(Topics.MISMATCHES, key, "{\"eventId\":\"not-a-uuid\"");

        var dead = kafka.readUntil(Topics.DEAD_LETTERS, recs -> recs.stream().anyMatch(r -> key.equals(r.key())), WAIT)
                .stream().filter(r -> key.equals(r.key())).toList();
        assertThat(dead).hasSize(1);
        assertThat(TestKafka.header(dead.get(0), DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(TestKafka.header(dead.get(0), DeadLetterHeaders.ORIGIN_TOPIC)).isEqualTo(Topics.MISMATCHES);
    }

    /**
     * Results are applied a poll at a time, many in one transaction: each result's inbox row is
     * stamped with its transaction's start, so 20 results sent together show a few stamps (20 when
     * each result was its own transaction). Each still supersedes the conflict its change overtook.
     */
    @Test
    void appliesTheResultsOfAPollTogether() {
        List<EntityKey> leads = java.util.stream.IntStream.range(0, 20).mapToObj(i -> Conflicts.newLead()).toList();
        Instant detected = Instant.now().minusSeconds(120);
        Conflicts.publishMismatches(kafka, leads.stream().map(l -> Conflicts.manual(l, "MobilePhone", "1", "2", "3", detected))
                .toArray(Mismatch[]::new));
        await().atMost(WAIT).until(() -> leads.stream().allMatch(l -> Conflicts.of(repository, l).size() == 1));

        List<Envelope<SyncResult>> results = leads.stream().map(lead -> {
            SyncCommand later = SyncCommand.builder(lead, Operation.UPDATE, Lane.BULK, 3).build();
            return Envelope.result(Envelope.command(later, later.commandId()), SyncResult.answering(later, Outcome.SYNCED, "test-worker")
                    .changes(List.of(new FieldChange("MobilePhone", Side.CREATIO, "3", "4"))).pulledValues(Map.of()).build());
        }).toList();
        kafka.sendTogether(Topics.RESULTS, "results-together-" + java.util.UUID.randomUUID(),
                results.stream().map(com.nia.crmsync.model.json.Json::write).toList());

        await().atMost(WAIT).until(() -> leads.stream().allMatch(l -> "superseded".equals(Conflicts.one(repository, l, "MobilePhone").status)));
        Object transactions = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> repository.getEntityManager()
                .createNativeQuery("SELECT count(DISTINCT processed_at) FROM processed_message WHERE consumer = ?1 AND event_id = ANY(?2)")
                .setParameter(1, "conflict-service.results")
                .setParameter(2, results.stream().map(Envelope::eventId).toArray(java.util.UUID[]::new)).getSingleResult());
        assertThat(((Number) transactions).longValue()).as("transactions that applied 20 results sent together").isLessThanOrEqualTo(5);
    }

    /** A result envelope whose payload has none of a result's parts is dead-lettered, not taken for "nothing to do". */
    @Test
    void deadLettersAResultThatIsNotWholeNamingWhatIsMissing() {
        String key = "lead:" + java.util.UUID.randomUUID();
        String hollow = "{\"eventId\":\"" + java.util.UUID.randomUUID() + "\",\"type\":\"crm.sync.result\",\"schemaVersion\":1,"
                + "\"aggregateId\":\"" + key + "\",\"occurredAt\":\"2026-12-07T10:00:00Z\",\"payload\":{\"kind\":\"sync\",\"blob\":\"x\"}}";
        kafka.send(Topics.RESULTS, key, hollow);

        var dead = kafka.readUntil(Topics.DEAD_LETTERS, recs -> recs.stream().anyMatch(r -> key.equals(r.key())
                        && Topics.RESULTS.equals(TestKafka.header(r, DeadLetterHeaders.ORIGIN_TOPIC))), WAIT)
                .stream().filter(r -> key.equals(r.key())).toList();
        assertThat(dead).isNotEmpty();
        assertThat(TestKafka.header(dead.get(0), DeadLetterHeaders.REASON)).contains("/payload/entity");
    }
}
