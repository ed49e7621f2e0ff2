package com.nia.crmsync.syncapi.pull;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

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
import com.nia.crmsync.model.pull.PullPaging;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.PulledPage;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestTokens;

/** The incremental pull in sync-api: scheduled on one replica, pages applied, unknown records created and linked, echoes dropped. */
@QuarkusTest
@SyncApiInfrastructure
class IncrementalPullTests {

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
    ConfigurationService configuration;

    @BeforeEach
    void noPullState() {
        support.sql("DELETE FROM pull_watermark");
    }

    private boolean start() {
        return QuarkusTransaction.requiringNew().call(() -> pull.startIfDue(EntityType.LEAD));
    }

    private Object[] watermarkRow() {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT in_flight_command_id, watermark, cursor_since, cursor_skip, echoes_skipped, records_created "
                        + "FROM pull_watermark WHERE entity_type = 'lead'").getSingleResult());
    }

    private static Instant instant(Object o) {
        return o instanceof java.sql.Timestamp t ? t.toInstant() : o instanceof java.time.OffsetDateTime d ? d.toInstant() : (Instant) o;
    }

    /** The worker's answer to the page in flight. */
    private IncrementalPull.PageApplied answer(boolean mayHaveMore, PulledPage.Record... records) {
        UUID inFlight = (UUID) watermarkRow()[0];
        SyncCommand command = SyncCommand.builder(PullPaging.pullKey(EntityType.LEAD), Operation.PULL_PAGE, Lane.BULK, 1)
                .commandId(inFlight).build();
        Envelope<Command> envelope = Envelope.command(command, inFlight);
        SyncResult result = SyncResult.answering(command, Outcome.SYNCED, "test-worker")
                .pulledPage(new PulledPage(Instant.EPOCH, 1000, 0, mayHaveMore, List.of(records))).build();
        List<IncrementalPull.PageApplied> applied = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> applied.add(pull.apply(Envelope.result(envelope, result))));
        return applied.get(0);
    }

    private static Map<String, Object> creatioLead(String email, String title) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("Contact", "Grace Hopper");
        v.put("Email", email);
        v.put("FullJobTitle", title);
        v.put("Account", "Navy");
        return v;
    }

    private List<SyncCommand> bulkCommands(UUID leadId, int expected) {
        String key = EntityKey.kafkaKey(EntityType.LEAD, leadId);
        var read = expected == 0 ? kafka.readAll(Topics.COMMANDS_BULK, Duration.ofSeconds(3))
                : kafka.readUntil(Topics.COMMANDS_BULK, rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= expected,
                        Duration.ofSeconds(30));
        return read.stream()
                .filter(r -> key.equals(r.key())).map(r -> (SyncCommand) Json.readEnvelope(r.value(), Command.class).payload()).toList();
    }

    @Test
    void anOperatorStartsAPullNowFromAChosenSinceAndAViewerSeesItInFlight() {
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"entity_types\":[\"lead\"],\"since\":\"2026-01-02T03:04:05.123456Z\"}")
                .when().post("/api/v1/crm/sync/pull/")
                .then().statusCode(202).header("Location", org.hamcrest.Matchers.endsWith("/api/v1/crm/sync/pull/"))
                .body("types[0].entity_type", is("lead")).body("types[0].outcome", is("started"));
        Object[] row = watermarkRow();
        assertThat(row[0]).as("a page in flight").isNotNull();
        assertThat(instant(row[2])).as("the cycle starts at the asked-for since, not the watermark minus the overlap")
                .isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));
        SyncCommand page = kafka.readUntil(Topics.COMMANDS_BULK, rs -> rs.stream().anyMatch(r -> r.value().contains(row[0].toString())),
                Duration.ofSeconds(30)).stream().filter(r -> r.value().contains(row[0].toString()))
                .map(r -> (SyncCommand) Json.readEnvelope(r.value(), Command.class).payload()).findFirst().orElseThrow();
        assertThat(page.operation()).isEqualTo(Operation.PULL_PAGE);
        assertThat(page.pullPage().since()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123456Z"));

        // a second start while the page is with a worker asks for nothing
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"entity_types\":[\"lead\"]}")
                .when().post("/api/v1/crm/sync/pull/")
                .then().statusCode(202).body("types[0].outcome", is("in_flight"));
        assertThat(watermarkRow()[0]).isEqualTo(row[0]);
        given().auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/pull/")
                .then().statusCode(200).body("types.find { it.entity_type == 'lead' }.in_flight", is(true));
    }

    @Test
    void aPullStartIsForOperatorsAndNamesAnUnknownEntityType() {
        given().when().post("/api/v1/crm/sync/pull/").then().statusCode(401);
        given().auth().oauth2(TestTokens.viewer()).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/crm/sync/pull/").then().statusCode(403);
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"entity_types\":[\"lead\",\"opportunity\"]}")
                .when().post("/api/v1/crm/sync/pull/")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("/entity_types/1"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM pull_watermark").getSingleResult()).longValue())).as("nothing started").isZero();
    }

    @Test
    void twoReplicasStartingTheSamePullAskForOnePage() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> {
                    go.await();
                    return start();
                }));
            }
            go.countDown();
            int started = 0;
            for (Future<Boolean> f : runs) {
                started += f.get() ? 1 : 0;
            }
            assertThat(started).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        // the page in flight keeps a third try out too
        assertThat(start()).isFalse();
        UUID inFlight = (UUID) watermarkRow()[0];
        String key = PullPaging.pullKey(EntityType.LEAD).kafkaKey();
        List<SyncCommand> pages = kafka.readUntil(Topics.COMMANDS_BULK, rs -> rs.stream().anyMatch(r -> r.value().contains(inFlight.toString())),
                Duration.ofSeconds(30)).stream().filter(r -> key.equals(r.key()))
                .map(r -> (SyncCommand) Json.readEnvelope(r.value(), Command.class).payload())
                .filter(c -> c.commandId().equals(inFlight)).toList();
        assertThat(pages).singleElement().satisfies(c -> {
            assertThat(c.operation()).isEqualTo(Operation.PULL_PAGE);
            assertThat(c.pullPage().entitySet()).isEqualTo("Lead");
            assertThat(c.pullPage().since()).isEqualTo(Instant.EPOCH);
            // pullPageSize of the configuration in force (other tests may have changed it)
            assertThat(c.pullPage().top()).isEqualTo(configuration.current().configuration().batchSizes().pullPageSize());
        });
    }

    @Test
    void anUnknownCreatioLeadIsCreatedInNiaLinkedAndPlannedWithItsSnapshot() {
        assertThat(start()).isTrue();
        UUID creatioId = UUID.randomUUID();
        String email = "grace-" + UUID.randomUUID() + "@creatio.example";

        IncrementalPull.PageApplied applied = answer(false,
                new PulledPage.Record(creatioId, Instant.parse("2026-11-28T01:00:00.1234567Z"), creatioLead(email, "Admiral")));

        assertThat(applied.created()).isEqualTo(1);
        CreatioSync row = QuarkusTransaction.requiringNew().call(() ->
                em.createQuery("from CreatioSync where creatioId = ?1", CreatioSync.class).setParameter(1, creatioId).getSingleResult());
        Lead lead = support.lead(row.localId);
        assertThat(lead.email).isEqualTo(email);
        assertThat(lead.firstName).isEqualTo("Grace");
        assertThat(lead.lastName).isEqualTo("Hopper");
        assertThat(lead.title).isEqualTo("Admiral");
        SyncCommand command = bulkCommands(row.localId, 1).get(0);
        assertThat(command.entity().creatioId()).isEqualTo(creatioId);
        assertThat(command.creatioSnapshot()).isNotNull();
        assertThat(command.creatioSnapshot().values()).containsEntry("Email", email);
        assertThat(command.creatioSnapshot().modifiedOn()).isEqualTo(Instant.parse("2026-11-28T01:00:00.1234567Z"));
        // the cycle is over: the watermark is the record's ModifiedOn truncated down, nothing in flight
        Object[] w = watermarkRow();
        assertThat(w[0]).isNull();
        assertThat(instant(w[1])).isEqualTo(Instant.parse("2026-11-28T01:00:00.123456Z"));
    }

    @Test
    void anUnknownCreatioLeadMatchingAnNiaLeadByEmailIsLinkedNotDuplicated() {
        UUID niaLead = support.newLead();
        String email = support.lead(niaLead).email;
        // the NIA lead's own first command is still unanswered: forget its sync state so that only the link rule can link it
        support.sql("DELETE FROM creatio_sync WHERE local_id = ?1", niaLead);
        assertThat(start()).isTrue();
        UUID creatioId = UUID.randomUUID();

        IncrementalPull.PageApplied applied = answer(false,
                new PulledPage.Record(creatioId, Instant.parse("2026-11-28T01:00:01Z"), creatioLead(email.toUpperCase(), "CTO")));

        assertThat(applied.created()).isZero();
        assertThat(support.row(niaLead).creatioId).isEqualTo(creatioId);
        assertThat(bulkCommands(niaLead, 1)).anySatisfy(c -> assertThat(c.entity().creatioId()).isEqualTo(creatioId));
    }

    @Test
    void aFullPageMovesTheWatermarkAndAsksForTheNextPageFromItsLastInstant() {
        assertThat(start()).isTrue();
        UUID firstPage = (UUID) watermarkRow()[0];
        Instant t = Instant.parse("2026-11-28T01:00:02.7654321Z");

        IncrementalPull.PageApplied applied = answer(true,
                new PulledPage.Record(UUID.randomUUID(), Instant.parse("2026-11-28T01:00:01Z"), creatioLead("a-" + UUID.randomUUID() + "@x.example", "A")),
                new PulledPage.Record(UUID.randomUUID(), t, creatioLead("b-" + UUID.randomUUID() + "@x.example", "B")),
                new PulledPage.Record(UUID.randomUUID(), t, creatioLead("c-" + UUID.randomUUID() + "@x.example", "C")));

        assertThat(applied.nextPage()).isTrue();
        Object[] w = watermarkRow();
        assertThat(w[0]).isNotNull().isNotEqualTo(firstPage);
        assertThat(instant(w[1])).isEqualTo(Instant.parse("2026-11-28T01:00:02.765432Z"));
        assertThat(instant(w[2])).isEqualTo(Instant.parse("2026-11-28T01:00:02.765432Z"));
        assertThat(((Number) w[3]).intValue()).isEqualTo(2);
    }

    @Test
    void aPulledRecordEqualToWhatWeLastAgreedOnIsAnEchoAndPlansNoCommand() {
        assertThat(start()).isTrue();
        UUID creatioId = UUID.randomUUID();
        Map<String, Object> values = creatioLead("echo-" + UUID.randomUUID() + "@creatio.example", "Admiral");
        answer(false, new PulledPage.Record(creatioId, Instant.parse("2026-11-28T01:00:03Z"), values));
        CreatioSync row = QuarkusTransaction.requiringNew().call(() ->
                em.createQuery("from CreatioSync where creatioId = ?1", CreatioSync.class).setParameter(1, creatioId).getSingleResult());
        bulkCommands(row.localId, 1);
        // the worker agreed on these values: the base's Creatio hash is theirs, and nothing is in flight
        support.sql("UPDATE creatio_sync SET creatio_hash = ?1, status = 'synced', pending_command_id = NULL WHERE id = ?2",
                IncrementalPull.hashOf(LEAD, values), row.id);
        support.sql("UPDATE pull_watermark SET next_pull_at = now() - interval '1 second'");
        assertThat(start()).isTrue();

        IncrementalPull.PageApplied applied = answer(false, new PulledPage.Record(creatioId, Instant.parse("2026-11-28T01:00:04Z"), values));

        assertThat(applied.echoes()).isEqualTo(1);
        assertThat(applied.commands()).isZero();
        assertThat(bulkCommands(row.localId, 0)).hasSize(1);
        assertThat(((Number) watermarkRow()[4]).intValue()).isEqualTo(1);
    }
}
