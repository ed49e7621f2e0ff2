package com.nia.crmsync.conflict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.conflict.repository.SyncConflictRepository;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestKafka;
import com.nia.crmsync.testkit.TestPostgres;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Deciding conflicts over the real broker: a decision is a ResolveCommand on the realtime topic
 * (through the outbox) and the conflict {@code applying}; the worker's result ends it resolved,
 * failed (retryable) or superseded; refusals are problems naming the field at fault.
 */
@QuarkusTest
@ConflictServiceInfrastructure
class ResolutionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RESOLVE = "/api/v1/crm/sync/resolve-conflict/";

    @InjectKafka
    TestKafka kafka;

    @InjectPostgres
    TestPostgres postgres;

    @Inject
    SyncConflictRepository repository;

    @Test
    void resolvingWritesAResolveCommandOnTheRealtimeTopicAndSetsApplying() {
        EntityKey lead = Conflicts.newLead();
        SyncConflict c = pending(lead, "MobilePhone", "+1", "+2", "+3");

        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "local_wins", "comment", "NIA heard it in the meeting"))
                .statusCode(202)
                .body("status", equalTo("applying"))
                .body("strategy", equalTo("local_wins"))
                .body("chosen_value", equalTo("+2"))
                .body("resolved_by", equalTo("otto.operator"));

        Envelope<ResolveCommand> sent = single(Conflicts.commandsFor(kafka, c.id, 1));
        assertThat(sent.type()).isEqualTo(EventTypes.RESOLVE_COMMAND);
        assertThat(sent.aggregateId()).isEqualTo(lead.kafkaKey());
        ResolveCommand command = sent.payload();
        assertThat(command.kind()).isEqualTo("resolve");
        assertThat(command.conflictId()).isEqualTo(c.id);
        assertThat(command.entity()).isEqualTo(lead);
        assertThat(command.conflictType()).isEqualTo(MismatchType.FIELD_MISMATCH);
        assertThat(command.strategy()).isEqualTo(ResolutionStrategy.LOCAL_WINS);
        assertThat(command.field()).isEqualTo("MobilePhone");
        assertThat(command.chosenValue()).isEqualTo("+2");
        assertThat(command.niaValueSeen()).isEqualTo("+2");
        assertThat(command.creatioValueSeen()).isEqualTo("+3");
        assertThat(command.decidedBy()).isEqualTo("otto.operator");
        assertThat(command.attempt()).isEqualTo(1);

        SyncConflict applying = Conflicts.byId(repository, c.id);
        assertThat(applying.status).isEqualTo("applying");
        assertThat(applying.commandId).isEqualTo(command.commandId());
        assertThat(applying.comment).isEqualTo("NIA heard it in the meeting");
    }

    @Test
    void answersASecondResolveWhileApplyingWith409AndSendsNothing() throws Exception {
        EntityKey lead = Conflicts.newLead();
        SyncConflict c = pending(lead, "Email", "a@x.de", "b@x.de", "c@x.de");
        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "creatio_wins")).statusCode(202);

        resolve(TestTokens.admin(), Map.of("conflict_id", c.id, "strategy", "local_wins"))
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("errors.field", hasItem("/conflict_id"));

        Conflicts.commandsFor(kafka, c.id, 1);
        // the relay deletes a row once the broker acknowledged it; the refused resolve wrote none
        await().atMost(WAIT).until(() -> outboxRowsFor(lead) == 0);
        List<Envelope<ResolveCommand>> all = kafka.readAll(Topics.COMMANDS_REALTIME, Duration.ofSeconds(2)).stream()
                .filter(r -> r.value().contains(c.id.toString())).map(r -> kafkaCommand(r.value())).toList();
        assertThat(all).hasSize(1);
        assertThat(all.get(0).payload().strategy()).isEqualTo(ResolutionStrategy.CREATIO_WINS);
    }

    @Test
    void aSyncedResultOfTheCommandResolvesTheConflictAndTheAuditNamesUserStrategyAndValues() {
        EntityKey lead = Conflicts.newLead();
        SyncConflict c = pending(lead, "Budget", new BigDecimal("1000.00"), new BigDecimal("1200.00"), new BigDecimal("1300.00"));
        String correlationId = "merge-" + UUID.randomUUID();
        given().auth().oauth2(TestTokens.operator()).header("X-Correlation-Id", correlationId).contentType(ContentType.JSON)
                .body("{\"conflict_id\":\"" + c.id + "\",\"strategy\":\"manual_merge\",\"merged_value\":1250.50,\"comment\":\"split\"}")
                .when().post(RESOLVE)
                .then().statusCode(202).body("chosen_value", equalTo(1250.5f));

        Envelope<ResolveCommand> sent = single(Conflicts.commandsFor(kafka, c.id, 1));
        assertThat(sent.payload().chosenValue()).isEqualTo(new BigDecimal("1250.5"));
        Conflicts.publishResult(kafka, sent, SyncResult.answering(sent.payload(), Outcome.SYNCED, "test-worker")
                .closedFields(List.of("Budget")).build());

        await().atMost(WAIT).until(() -> "resolved".equals(Conflicts.byId(repository, c.id).status));
        SyncConflict resolved = Conflicts.byId(repository, c.id);
        assertThat(resolved.resolvedAt).isNotNull();
        assertThat(resolved.resolvedBy).isEqualTo("otto.operator");
        assertThat(resolved.lastError).isNull();

        ValidatableResponse trail = given().auth().oauth2(TestTokens.operator())
                .when().get("/api/v1/crm/conflicts/" + c.id + "/audit")
                .then().statusCode(200);
        trail.body("action", org.hamcrest.Matchers.contains("conflict.detected", "conflict.resolve", "conflict.resolved"));
        trail.body("[1].actor", equalTo("otto.operator"))
                .body("[1].actor_roles", equalTo(List.of("operator")))
                .body("[1].correlation_id", equalTo(correlationId))
                .body("[1].outcome", equalTo("ok"))
                .body("[1].before.status", equalTo("pending"))
                .body("[1].before.nia_value", equalTo(1200.00f))
                .body("[1].before.creatio_value", equalTo(1300.00f))
                .body("[1].after.status", equalTo("applying"))
                .body("[1].after.strategy", equalTo("manual_merge"))
                .body("[1].after.chosen_value", equalTo(1250.5f))
                .body("[1].after.comment", equalTo("split"))
                .body("[2].actor", equalTo("conflict-service"))
                .body("[2].after.status", equalTo("resolved"));
    }

    @Test
    void aFailedApplyingEndsFailedWithTheReasonAndARetrySendsTheCommandAgain() {
        EntityKey lead = Conflicts.newLead();
        SyncConflict c = pending(lead, "Website", "a.de", "b.de", "c.de");
        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "creatio_wins")).statusCode(202);
        Envelope<ResolveCommand> first = single(Conflicts.commandsFor(kafka, c.id, 1));

        Conflicts.publishResult(kafka, first, SyncResult.answering(first.payload(), Outcome.RETRYABLE_FAILURE, "test-worker")
                .failure(new Failure(Failure.Category.TRANSIENT, "Creatio answered 503", 503, null)).build());
        await().atMost(WAIT).until(() -> "failed".equals(Conflicts.byId(repository, c.id).status));
        assertThat(Conflicts.byId(repository, c.id).lastError).contains("Creatio answered 503").contains("transient");

        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/conflicts/" + c.id + "/retry")
                .then().statusCode(202).body("status", equalTo("applying")).body("command_attempt", equalTo(2));
        List<Envelope<ResolveCommand>> both = Conflicts.commandsFor(kafka, c.id, 2);
        assertThat(both).extracting(e -> e.payload().attempt()).containsExactly(1, 2);
        Envelope<ResolveCommand> second = both.get(1);
        assertThat(second.payload().commandId()).isEqualTo(first.payload().commandId());
        assertThat(second.payload().chosenValue()).isEqualTo("c.de");

        // the second attempt's result resolves it
        Conflicts.publishResult(kafka, second, SyncResult.answering(second.payload(), Outcome.SYNCED, "test-worker")
                .closedFields(List.of("Website")).build());
        await().atMost(WAIT).until(() -> "resolved".equals(Conflicts.byId(repository, c.id).status));
    }

    @Test
    void aSupersededResultMarksTheConflictSuperseded() {
        EntityKey lead = Conflicts.newLead();
        SyncConflict c = pending(lead, "JobTitle", "a", "b", "c");
        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "local_wins")).statusCode(202);
        Envelope<ResolveCommand> sent = single(Conflicts.commandsFor(kafka, c.id, 1));

        Conflicts.publishResult(kafka, sent, SyncResult.answering(sent.payload(), Outcome.SUPERSEDED, "test-worker").build());

        await().atMost(WAIT).until(() -> "superseded".equals(Conflicts.byId(repository, c.id).status));
        assertThat(Conflicts.byId(repository, c.id).reason).contains("no longer held the value");
        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "local_wins")).statusCode(409);
    }

    @Test
    void retriesOnlyFailedConflicts() {
        SyncConflict c = pending(Conflicts.newLead(), "Phone", "1", "2", "3");
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/conflicts/" + c.id + "/retry")
                .then().statusCode(409).contentType("application/problem+json").body("errors.field", hasItem("/status"));
    }

    @Test
    void refusesBadResolutionsWithProblemsNamingTheField() {
        SyncConflict c = pending(Conflicts.newLead(), "Phone", "1", "2", "3");
        resolve(TestTokens.operator(), Map.of("conflict_id", UUID.randomUUID(), "strategy", "local_wins"))
                .statusCode(404).contentType("application/problem+json").body("errors.field", hasItem("/conflict_id"));
        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "manual_merge"))
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("/merged_value"));
        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "manual_merge", "merged_value", Map.of("a", 1)))
                .statusCode(400).body("errors.field", hasItem("/merged_value"));
        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "restore_in_creatio"))
                .statusCode(400).body("errors.field", hasItem("/strategy"));
        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "nobody_wins"))
                .statusCode(400).body("errors.field", hasItem("/strategy"));
        resolve(TestTokens.operator(), Map.of("strategy", "local_wins"))
                .statusCode(400).body("errors.field", hasItem("/conflict_id"));
        assertThat(Conflicts.byId(repository, c.id).status).isEqualTo("pending");
    }

    @Test
    void resolvesTheOtherConflictTypesWithTheStrategiesThatFitThem() {
        EntityKey deleted = Conflicts.newLead();
        EntityKey duplicated = Conflicts.newLead();
        EntityKey invalid = Conflicts.newLead();
        UUID chosen = UUID.randomUUID();
        Conflicts.publishMismatches(kafka,
                Conflicts.ofType(deleted, MismatchType.UPDATE_VS_DELETE, null, null, null),
                Conflicts.ofType(duplicated, MismatchType.DUPLICATE_MATCH, null, List.of(UUID.randomUUID(), chosen), null),
                Conflicts.ofType(invalid, MismatchType.VALIDATION_FAILED, "Email", null, "Email: not an address"));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, deleted).size() + Conflicts.of(repository, duplicated).size()
                + Conflicts.of(repository, invalid).size() == 3);
        UUID deletedId = Conflicts.of(repository, deleted).get(0).id;
        UUID duplicatedId = Conflicts.of(repository, duplicated).get(0).id;
        UUID invalidId = Conflicts.of(repository, invalid).get(0).id;

        resolve(TestTokens.operator(), Map.of("conflict_id", deletedId, "strategy", "local_wins")).statusCode(400);
        resolve(TestTokens.operator(), Map.of("conflict_id", deletedId, "strategy", "restore_in_creatio")).statusCode(202);
        resolve(TestTokens.operator(), Map.of("conflict_id", duplicatedId, "strategy", "pick_creatio_record",
                "creatio_id", UUID.randomUUID())).statusCode(400).body("errors.field", hasItem("/creatio_id"));
        resolve(TestTokens.operator(), Map.of("conflict_id", duplicatedId, "strategy", "pick_creatio_record",
                "creatio_id", chosen)).statusCode(202);
        resolve(TestTokens.operator(), Map.of("conflict_id", invalidId, "strategy", "corrected_value"))
                .statusCode(400).body("errors.field", hasItem("/value"));
        resolve(TestTokens.operator(), Map.of("conflict_id", invalidId, "strategy", "corrected_value",
                "value", "ann@example.com")).statusCode(202);

        assertThat(single(Conflicts.commandsFor(kafka, deletedId, 1)).payload().strategy()).isEqualTo(ResolutionStrategy.RESTORE_IN_CREATIO);
        ResolveCommand pick = single(Conflicts.commandsFor(kafka, duplicatedId, 1)).payload();
        assertThat(pick.strategy()).isEqualTo(ResolutionStrategy.PICK_CREATIO_RECORD);
        assertThat(pick.chosenValue()).isEqualTo(chosen.toString());
        ResolveCommand corrected = single(Conflicts.commandsFor(kafka, invalidId, 1)).payload();
        assertThat(corrected.strategy()).isEqualTo(ResolutionStrategy.CORRECTED_VALUE);
        assertThat(corrected.chosenValue()).isEqualTo("ann@example.com");
        assertThat(corrected.field()).isEqualTo("Email");
    }

    @Test
    void aRestoreInCreatioStaysApplyingUntilThePlannedRestoreIsConfirmed() {
        EntityKey lead = Conflicts.newLead();
        Conflicts.publishMismatches(kafka, Conflicts.ofType(lead, MismatchType.UPDATE_VS_DELETE, null, null, null));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 1);
        UUID id = Conflicts.of(repository, lead).get(0).id;
        resolve(TestTokens.operator(), Map.of("conflict_id", id, "strategy", "restore_in_creatio")).statusCode(202);
        Envelope<ResolveCommand> sent = single(Conflicts.commandsFor(kafka, id, 1));

        // the worker hands the restore to sync-api ...
        Conflicts.publishResult(kafka, sent, SyncResult.answering(sent.payload(), Outcome.CONFLICT, "test-worker")
                .action(Action.RESTORE).openFields(List.of("Id")).creatioDeleted(true).build());
        await().atMost(WAIT).until(() -> String.valueOf(Conflicts.byId(repository, id).reason).startsWith("restore in Creatio planned"));
        assertThat(Conflicts.byId(repository, id).status).isEqualTo("applying");

        // ... whose restore command names the conflict; its result ends it
        SyncCommand restore = SyncCommand.builder(lead, Operation.RESTORE, Lane.REALTIME, 3).conflictId(id).build();
        Conflicts.publishResult(kafka, Envelope.command(restore, restore.commandId()),
                SyncResult.answering(restore, Outcome.SYNCED, "test-worker").action(Action.RESTORE).closedFields(List.of("Id")).build());
        await().atMost(WAIT).until(() -> "resolved".equals(Conflicts.byId(repository, id).status));
    }

    @Test
    void theOldCollisionReportedAgainWhileApplyingAddsNoConflict() {
        EntityKey lead = Conflicts.newLead();
        SyncConflict c = pending(lead, "Phone", "1", "2", "3");
        resolve(TestTokens.operator(), Map.of("conflict_id", c.id, "strategy", "local_wins")).statusCode(202);

        // a command planned before the decision finds the same collision; then a genuinely new one on another field
        Conflicts.publishMismatches(kafka, Conflicts.manual(lead, "Phone", "1", "2", "3", Instant.now()),
                Conflicts.manual(lead, "Email", "a", "b", "c", Instant.now()));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 2);
        assertThat(Conflicts.one(repository, lead, "Phone").status).isEqualTo("applying");
        assertThat(Conflicts.one(repository, lead, "Phone").reportedCount).isEqualTo(2);
    }

    @Test
    void overridesAnAutomaticDecision() {
        EntityKey lead = Conflicts.newLead();
        Mismatch m = Conflicts.decided(lead, "Phone", "1", "2", "3", ConflictPolicy.CREATIO_WINS, Side.CREATIO, "creatio_wins");
        Conflicts.publishMismatches(kafka, m);
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 1);
        SyncConflict auto = Conflicts.one(repository, lead, "Phone");
        assertThat(auto.status).isEqualTo("auto_resolved");

        resolve(TestTokens.operator(), Map.of("conflict_id", auto.id, "strategy", "local_wins", "comment", "NIA is right"))
                .statusCode(202).body("status", equalTo("applying"));
        assertThat(single(Conflicts.commandsFor(kafka, auto.id, 1)).payload().chosenValue()).isEqualTo("2");
    }

    @Test
    void dismissesAnOpenConflictOnlyOnce() {
        SyncConflict c = pending(Conflicts.newLead(), "Phone", "1", "2", "3");
        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"comment\":\"both wrong, fixed by hand\"}")
                .when().post("/api/v1/crm/conflicts/" + c.id + "/dismiss")
                .then().statusCode(200).body("status", equalTo("dismissed")).body("resolved_by", equalTo("otto.operator"))
                .body("comment", equalTo("both wrong, fixed by hand"));
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/conflicts/" + c.id + "/dismiss")
                .then().statusCode(409);
        given().auth().oauth2(TestTokens.operator()).when().post("/api/v1/crm/conflicts/" + UUID.randomUUID() + "/dismiss")
                .then().statusCode(404);
    }

    @Test
    void bulkResolvesFiftyConflictsAndReports409OnlyForTheOneResolvedMeanwhile() {
        List<Mismatch> mismatches = new ArrayList<>();
        List<EntityKey> leads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            EntityKey lead = Conflicts.newLead();
            leads.add(lead);
            mismatches.add(Conflicts.manual(lead, "Phone", "0", "nia-" + i, "creatio-" + i, Instant.now()));
        }
        Conflicts.publish(kafka, Topics.MISMATCHES, mismatches.stream().map(Conflicts::envelope).toList());
        await().atMost(WAIT).until(() -> leads.stream().allMatch(l -> Conflicts.of(repository, l).size() == 1));
        List<UUID> ids = leads.stream().map(l -> Conflicts.one(repository, l, "Phone").id).toList();

        // someone else resolves the 7th meanwhile, and the worker confirms it
        UUID meanwhile = ids.get(6);
        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("conflict_id", meanwhile, "strategy", "local_wins")).when().post(RESOLVE).then().statusCode(202);
        Envelope<ResolveCommand> theirs = single(Conflicts.commandsFor(kafka, meanwhile, 1));
        Conflicts.publishResult(kafka, theirs, SyncResult.answering(theirs.payload(), Outcome.SYNCED, "test-worker").build());
        await().atMost(WAIT).until(() -> "resolved".equals(Conflicts.byId(repository, meanwhile).status));

        ValidatableResponse bulk = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("ids", ids, "strategy", "creatio_wins", "comment", "Creatio is the master for phones"))
                .when().post("/api/v1/crm/conflicts/bulk-resolve")
                .then().statusCode(200)
                .body("requested", equalTo(50))
                .body("accepted", equalTo(49))
                .body("refused", equalTo(1))
                .body("outcomes.size()", equalTo(50));
        List<Map<String, Object>> outcomes = bulk.extract().path("outcomes");
        for (int i = 0; i < 50; i++) {
            assertThat(outcomes.get(i).get("id")).isEqualTo(ids.get(i).toString());
            assertThat(outcomes.get(i).get("status")).isEqualTo(i == 6 ? 409 : 202);
        }
        assertThat(Conflicts.byId(repository, meanwhile).strategy).isEqualTo("local_wins");
        assertThat(Conflicts.byId(repository, ids.get(49)).status).isEqualTo("applying");
        assertThat(single(Conflicts.commandsFor(kafka, ids.get(49), 1)).payload().chosenValue()).isEqualTo("creatio-49");
    }

    @Test
    void bulkResolvesByFilter() {
        EntityKey lead = Conflicts.newLead();
        Conflicts.publishMismatches(kafka, Conflicts.manual(lead, "Phone", "0", "1", "2", Instant.now()),
                Conflicts.manual(lead, "Email", "a", "b", "c", Instant.now()));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 2);

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("filter", Map.of("entity_id", lead.localId(), "status", "pending"), "strategy", "local_wins"))
                .when().post("/api/v1/crm/conflicts/bulk-resolve")
                .then().statusCode(200).body("accepted", equalTo(2));
        assertThat(Conflicts.of(repository, lead)).extracting(c -> c.status).containsOnly("applying");

        given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("strategy", "local_wins"))
                .when().post("/api/v1/crm/conflicts/bulk-resolve")
                .then().statusCode(400).body("errors.field", hasItem("/ids"));
    }

    private SyncConflict pending(EntityKey lead, String field, Object base, Object nia, Object creatio) {
        Conflicts.publishMismatches(kafka, Conflicts.manual(lead, field, base, nia, creatio, Instant.now()));
        await().atMost(WAIT).until(() -> Conflicts.of(repository, lead).size() == 1);
        return Conflicts.one(repository, lead, field);
    }

    private static ValidatableResponse resolve(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).when().post(RESOLVE).then();
    }

    private static <T> T single(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }

    private static Envelope<ResolveCommand> kafkaCommand(String json) {
        return com.nia.crmsync.model.json.Json.readEnvelope(json, ResolveCommand.class);
    }

    private long outboxRowsFor(EntityKey lead) throws Exception {
        try (Connection conn = postgres.connect();
                PreparedStatement st = conn.prepareStatement("SELECT count(*) FROM outbox_event WHERE message_key = ?")) {
            st.setString(1, lead.kafkaKey());
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
