package com.nia.crmsync.syncapi.pull;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
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
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.pull.PullPaging;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.PulledPage;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.RecordAccesses;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/**
 * The set-based pull (issue 19): a pulled record NIA did not change since the last sync, or one NIA
 * creates from the page, is applied in sync-api without a command when the merge writes nothing to
 * Creatio; anything NIA changed too still goes to the worker with the page's values.
 */
@QuarkusTest
@SyncApiInfrastructure
class SetBasedPullTests {

    private static final EntityMapping LEAD = DefaultConfiguration.create().mapping(EntityType.LEAD).orElseThrow();

    @InjectKafka
    TestKafka kafka;

    @Inject
    IncrementalPull pull;

    @Inject
    SyncTestSupport support;

    @Inject
    EntityManager em;

    @Inject
    RecordAccesses records;

    @BeforeEach
    void noPullState() {
        support.sql("DELETE FROM pull_watermark");
    }

    private void start() {
        support.sql("UPDATE pull_watermark SET next_pull_at = now() - interval '1 second'");
        assertThat(QuarkusTransaction.requiringNew().call(() -> pull.startIfDue(EntityType.LEAD))).isTrue();
    }

    private Object pullColumn(String column) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<?> rows = em.createNativeQuery("SELECT " + column + " FROM pull_watermark WHERE entity_type = 'lead'").getResultList();
            return rows.isEmpty() ? null : rows.get(0);
        });
    }

    private UUID inFlight() {
        return (UUID) pullColumn("in_flight_command_id");
    }

    /** The worker's answer to the page in flight. */
    private IncrementalPull.PageApplied answer(PulledPage.Record... records) {
        return answer(inFlight(), false, records);
    }

    /** The worker's answer to the page {@code commandId}, applied in a transaction of its own. */
    private IncrementalPull.PageApplied answer(UUID commandId, boolean mayHaveMore, PulledPage.Record... records) {
        Envelope<SyncResult> result = page(commandId, mayHaveMore, records);
        return QuarkusTransaction.requiringNew().call(() -> pull.apply(result));
    }

    private static Envelope<SyncResult> page(UUID commandId, boolean mayHaveMore, PulledPage.Record... records) {
        SyncCommand command = SyncCommand.builder(PullPaging.pullKey(EntityType.LEAD), Operation.PULL_PAGE, Lane.BULK, 1)
                .commandId(commandId).build();
        SyncResult result = SyncResult.answering(command, Outcome.SYNCED, "test-worker")
                .pulledPage(new PulledPage(Instant.EPOCH, 1000, 0, mayHaveMore, List.of(records))).build();
        return Envelope.result(Envelope.command(command, commandId), result);
    }

    /** Applies the page and rolls the application back, as a database failure would. */
    private void applyAndRollBack(Envelope<SyncResult> page) {
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            pull.apply(page);
            throw new IllegalStateException("the database went away");
        })).hasMessageContaining("the database went away");
    }

    /** A Creatio lead as the simulator holds one: every column NIA maps, so a first merge has nothing to write back. */
    private static Map<String, Object> creatioLead(String email, String title) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Contact", "Grace Hopper");
        v.put("Email", email);
        v.put("FullJobTitle", title);
        v.put("Account", "Navy");
        v.put("QualifyStatusId", DefaultConfiguration.LEAD_STATUS_TO_QUALIFY_STATUS.get("new"));
        v.put("Budget", 0);
        return v;
    }

    private CreatioSync linkOf(UUID creatioId) {
        return QuarkusTransaction.requiringNew().call(() ->
                em.createQuery("from CreatioSync where creatioId = ?1", CreatioSync.class).setParameter(1, creatioId).getSingleResult());
    }

    private List<SyncCommand> bulkCommands(UUID leadId, int expected) {
        String key = EntityKey.kafkaKey(EntityType.LEAD, leadId);
        var read = expected == 0 ? kafka.readAll(Topics.COMMANDS_BULK, Duration.ofSeconds(3))
                : kafka.readUntil(Topics.COMMANDS_BULK, rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= expected,
                        Duration.ofSeconds(30));
        return read.stream()
                .filter(r -> key.equals(r.key())).map(r -> (SyncCommand) Json.readEnvelope(r.value(), Command.class).payload()).toList();
    }

    private Map<String, Object> fieldsOf(UUID leadId) {
        return QuarkusTransaction.requiringNew().call(() -> records.of(EntityType.LEAD).load(leadId).orElseThrow().fields());
    }

    private List<String> logOutcomes(UUID leadId) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "SELECT outcome FROM sync_log WHERE local_id = ?1 ORDER BY id", String.class).setParameter(1, leadId).getResultList());
    }

    @Test
    void aNewCreatioLeadNeedingNoWriteBackIsCreatedLinkedAndSyncedWithoutACommand() {
        start();
        UUID creatioId = UUID.randomUUID();
        Map<String, Object> values = creatioLead("direct-" + UUID.randomUUID() + "@creatio.example", "Admiral");

        IncrementalPull.PageApplied applied = answer(new PulledPage.Record(creatioId, Instant.parse("2026-12-01T01:00:00Z"), values));

        assertThat(applied.created()).isEqualTo(1);
        assertThat(applied.direct()).isEqualTo(1);
        assertThat(applied.commands()).isZero();
        CreatioSync row = linkOf(creatioId);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(row.pendingCommandId).isNull();
        assertThat(row.baseSnapshot).isNotNull();
        assertThat(PullTriage.sameHash(row.creatioHash, IncrementalPull.hashOf(LEAD, values))).isTrue();
        assertThat(row.syncedVersion).isEqualTo(support.lead(row.localId).version);
        assertThat(support.lead(row.localId).title).isEqualTo("Admiral");
        assertThat(bulkCommands(row.localId, 0)).isEmpty();
        assertThat(logOutcomes(row.localId)).containsExactly("no_change");
    }

    /**
     * Distribution and Waiting for order are stages NIA's status map reads many-to-one ({@code qualified},
     * {@code converted}; their own stages are others). A lead NIA creates from one keeps that stage as
     * agreed: no command, no write back, and the planner finds nothing to send afterwards.
     */
    @Test
    void aNewCreatioLeadInAStageNiaReadsManyToOneIsCreatedAndLinkedWithoutACommand() {
        for (Map.Entry<String, String> stage : DefaultConfiguration.QUALIFY_STATUS_TO_LEAD_STATUS.entrySet()) {
            start();
            UUID creatioId = UUID.randomUUID();
            Map<String, Object> values = creatioLead("stage-" + UUID.randomUUID() + "@creatio.example", "Admiral");
            values.put("QualifyStatusId", stage.getKey());

            IncrementalPull.PageApplied applied = answer(new PulledPage.Record(creatioId, Instant.parse("2026-12-01T01:00:00Z"), values));

            assertThat(applied.direct()).as(stage.getValue()).isEqualTo(1);
            assertThat(applied.commands()).as(stage.getValue()).isZero();
            CreatioSync row = linkOf(creatioId);
            assertThat(row.syncStatus()).isEqualTo(SyncStatus.SYNCED);
            assertThat(row.baseSnapshot.values()).containsEntry("QualifyStatusId", stage.getKey());
            assertThat(support.lead(row.localId).status).isEqualTo(stage.getValue());
            assertThat(PullTriage.sameHash(row.localHash, CanonicalHash.of(SyncPlanner.canonicalKeepingNulls(FieldMapper.toCreatio(
                    LEAD, fieldsOf(row.localId), row.baseSnapshot.values()))))).as("the planner finds NIA unchanged").isTrue();
            assertThat(bulkCommands(row.localId, 0)).isEmpty();
            support.sql("DELETE FROM pull_watermark");
        }
    }

    @Test
    void aCreatioEditOfALinkedLeadNiaDidNotChangeIsAppliedDirectlyAndItsRepeatIsAnEcho() {
        start();
        UUID creatioId = UUID.randomUUID();
        String email = "edit-" + UUID.randomUUID() + "@creatio.example";
        answer(new PulledPage.Record(creatioId, Instant.parse("2026-12-01T02:00:00Z"), creatioLead(email, "Admiral")));
        UUID leadId = linkOf(creatioId).localId;
        Map<String, Object> edited = creatioLead(email, "Rear Admiral");
        edited.put("Contact", "Grace Brewster Hopper");

        start();
        IncrementalPull.PageApplied applied = answer(new PulledPage.Record(creatioId, Instant.parse("2026-12-01T02:00:01Z"), edited));

        assertThat(applied.direct()).isEqualTo(1);
        assertThat(applied.commands()).isZero();
        assertThat(applied.created()).isZero();
        assertThat(support.lead(leadId).title).isEqualTo("Rear Admiral");
        assertThat(support.lead(leadId).firstName).isEqualTo("Grace Brewster");
        CreatioSync row = support.row(leadId);
        assertThat(row.syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(row.syncedVersion).isEqualTo(support.lead(leadId).version);
        assertThat(bulkCommands(leadId, 0)).isEmpty();
        assertThat(logOutcomes(leadId)).containsExactly("no_change", "synced");

        start();
        IncrementalPull.PageApplied again = answer(new PulledPage.Record(creatioId, Instant.parse("2026-12-01T02:00:01Z"), edited));

        assertThat(again.echoes()).isEqualTo(1);
        assertThat(again.direct()).isZero();
        assertThat(logOutcomes(leadId)).hasSize(2);
    }

    @Test
    void aPageReadBeforeTheLastAgreementLeavesTheAgreedValuesAsTheyAre() {
        start();
        UUID creatioId = UUID.randomUUID();
        String email = "stale-" + UUID.randomUUID() + "@creatio.example";
        Instant first = Instant.parse("2026-12-01T06:00:00Z");
        answer(new PulledPage.Record(creatioId, first, creatioLead(email, "Admiral")));
        UUID leadId = linkOf(creatioId).localId;
        // a later agreement merged Creatio as it was at 06:00:10 (a worker's result, or a later page)
        Instant agreed = Instant.parse("2026-12-01T06:00:10Z");
        start();
        answer(new PulledPage.Record(creatioId, agreed, creatioLead(email, "Rear Admiral")));
        assertThat(support.lead(leadId).title).isEqualTo("Rear Admiral");
        long version = support.lead(leadId).version;

        // a page read before that agreement was applied, and applied after it: Creatio's older state
        start();
        IncrementalPull.PageApplied stale = answer(new PulledPage.Record(creatioId, first, creatioLead(email, "Admiral")));
        start();
        IncrementalPull.PageApplied same = answer(new PulledPage.Record(creatioId, agreed, creatioLead(email, "Admiral")));
        // Creatio's ModifiedOn has 100-ns ticks, PostgreSQL keeps microseconds: the same state, not a newer one
        start();
        IncrementalPull.PageApplied finer = answer(new PulledPage.Record(creatioId, agreed.plusNanos(200), creatioLead(email, "Admiral")));

        assertThat(stale.echoes()).isEqualTo(1);
        assertThat(same.echoes()).isEqualTo(1);
        assertThat(finer.echoes()).isEqualTo(1);
        assertThat(stale.direct() + stale.commands() + same.direct() + same.commands() + finer.direct() + finer.commands()).isZero();
        assertThat(support.lead(leadId).title).isEqualTo("Rear Admiral");
        assertThat(support.lead(leadId).version).isEqualTo(version);
        assertThat(support.row(leadId).creatioModifiedOn).isEqualTo(agreed);
        assertThat(bulkCommands(leadId, 0)).isEmpty();

        // Creatio's next edit moves ModifiedOn: it is applied
        start();
        IncrementalPull.PageApplied newer = answer(new PulledPage.Record(creatioId, agreed.plusMillis(1), creatioLead(email, "Admiral")));
        assertThat(newer.direct()).isEqualTo(1);
        assertThat(support.lead(leadId).title).isEqualTo("Admiral");
    }

    @Test
    void aLinkedLeadNiaChangedTooGoesToTheWorkerWithThePagesValues() {
        start();
        UUID creatioId = UUID.randomUUID();
        String email = "both-" + UUID.randomUUID() + "@creatio.example";
        answer(new PulledPage.Record(creatioId, Instant.parse("2026-12-01T03:00:00Z"), creatioLead(email, "Admiral")));
        UUID leadId = linkOf(creatioId).localId;
        // NIA changed the title since the last sync; its own command is not in flight any more
        support.sql("UPDATE lead SET title = 'Commodore', version = version + 1 WHERE id = ?1", leadId);
        Map<String, Object> edited = creatioLead(email, "Admiral");
        edited.put("Account", "US Navy");

        start();
        IncrementalPull.PageApplied applied = answer(new PulledPage.Record(creatioId, Instant.parse("2026-12-01T03:00:01Z"), edited));

        assertThat(applied.direct()).isZero();
        assertThat(applied.commands()).isEqualTo(1);
        SyncCommand command = bulkCommands(leadId, 1).get(0);
        assertThat(command.creatioSnapshot().values()).containsEntry("Account", "US Navy");
        assertThat(support.lead(leadId).company).isEqualTo("Navy");
        assertThat(support.row(leadId).syncStatus()).isEqualTo(SyncStatus.IN_PROGRESS);
    }

    @Test
    void theNextPageIsAskedForAndCommittedBeforeThePageInHandIsApplied() {
        start();
        UUID first = inFlight();
        UUID creatioId = UUID.randomUUID();
        Envelope<SyncResult> page = page(first, true, new PulledPage.Record(creatioId, Instant.parse("2026-12-01T04:00:00Z"),
                creatioLead("ahead-" + UUID.randomUUID() + "@creatio.example", "Admiral")));

        applyAndRollBack(page);

        // the page was not applied, yet its next page is with a worker already
        UUID next = inFlight();
        assertThat(next).isNotNull().isNotEqualTo(first);
        assertThat(pullColumn("applying_command_id")).isEqualTo(first);
        assertThat(publishedOnTheBulkLane(next)).isTrue();

        // the application retried applies the page; the next page stays the one in flight, not asked twice
        IncrementalPull.PageApplied applied = QuarkusTransaction.requiringNew().call(() -> pull.apply(page));

        assertThat(applied.records()).isEqualTo(1);
        assertThat(applied.nextPage()).isTrue();
        assertThat(linkOf(creatioId).syncStatus()).isEqualTo(SyncStatus.SYNCED);
        assertThat(inFlight()).isEqualTo(next);
        assertThat(pullColumn("applying_command_id")).isNull();
    }

    @Test
    void aNextPageArrivingWhileThePageBeforeItWasNeverAppliedStartsTheCycleOverWithoutMovingTheWatermark() {
        start();
        UUID first = inFlight();
        applyAndRollBack(page(first, true, new PulledPage.Record(UUID.randomUUID(), Instant.parse("2026-12-01T05:00:00Z"),
                creatioLead("lost-" + UUID.randomUUID() + "@creatio.example", "Admiral"))));
        Object watermark = pullColumn("watermark");
        UUID later = UUID.randomUUID();

        IncrementalPull.PageApplied applied = answer(inFlight(), false,
                new PulledPage.Record(later, Instant.parse("2026-12-01T05:00:01Z"), creatioLead("later-" + UUID.randomUUID() + "@x.example", "A")));

        assertThat(applied.records()).isZero();
        assertThat(pullColumn("watermark")).isEqualTo(watermark);
        assertThat(inFlight()).isNull();
        assertThat(pullColumn("applying_command_id")).isNull();
        long linked = QuarkusTransaction.requiringNew().call(() -> (Long) em.createQuery(
                "select count(s) from CreatioSync s where s.creatioId = ?1").setParameter(1, later).getSingleResult());
        assertThat(linked).isZero();
    }

    private boolean publishedOnTheBulkLane(UUID commandId) {
        return kafka.readUntil(Topics.COMMANDS_BULK, rs -> rs.stream().anyMatch(r -> isCommand(r.value(), commandId)),
                Duration.ofSeconds(30)).stream().anyMatch(r -> isCommand(r.value(), commandId));
    }

    private static boolean isCommand(String value, UUID commandId) {
        return commandId.equals(Json.readEnvelope(value, Command.class).payload().commandId());
    }
}
