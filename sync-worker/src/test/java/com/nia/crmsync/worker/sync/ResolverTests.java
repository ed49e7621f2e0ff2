package com.nia.crmsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.gateway.GatewayException;

/** Decisions carried out over an in-memory Creatio: one per strategy, superseded, redelivered, Creatio down. */
class ResolverTests {

    private static final CreatioConfiguration CONFIG = DefaultConfiguration.create();

    private final FakeCreatio creatio = new FakeCreatio();
    private final Resolver resolver = new Resolver(creatio);
    private final UUID localId = UUID.randomUUID();
    private final UUID creatioId = UUID.randomUUID();
    private final UUID conflictId = UUID.randomUUID();

    private void leadInCreatio(String phone) {
        creatio.put("Lead", creatioId, Map.of("Contact", "Ada Lovelace", "Email", "ada@nia.example", "MobilePhone", phone,
                "Budget", new BigDecimal("50000")));
    }

    private ResolveCommand decide(MismatchType type, ResolutionStrategy strategy, String field, Object chosen, Object niaSeen,
            Object creatioSeen) {
        return new ResolveCommand(UUID.randomUUID(), conflictId, new EntityKey(EntityType.LEAD, localId, creatioId), type,
                strategy, field, chosen, niaSeen, creatioSeen, "olga.operator", 1, 1);
    }

    private ResolveCommand phone(ResolutionStrategy strategy, Object chosen) {
        return decide(MismatchType.FIELD_MISMATCH, strategy, "MobilePhone", chosen, "+1 555 0001", "+1 555 0002");
    }

    private SyncResult run(ResolveCommand command) {
        RecordSync.Handled h = resolver.run(Envelope.command((Command) command, UUID.randomUUID()), CONFIG, "test");
        assertThat(h.mismatches()).isEmpty();
        assertThat(h.deadLetterReason()).isNull();
        assertThat(h.result().eventId()).isEqualTo(Ids.resultEventId(command.commandId(), command.attempt()));
        SyncResult r = h.result().payload();
        assertThat(r.conflictId()).isEqualTo(conflictId);
        assertThat(r.strategy()).isEqualTo(command.strategy());
        assertThat(r.resolution()).isTrue();
        return r;
    }

    @Test
    void creatioWinsLeavesCreatioAsItIsAndTellsNiaToTakeTheValueWhereItStillHoldsWhatTheDecisionSaw() {
        leadInCreatio("+1 555 0002");

        SyncResult r = run(phone(ResolutionStrategy.CREATIO_WINS, "+1 555 0002"));

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(creatio.calls).containsExactly("get Lead");
        assertThat(r.closedFields()).containsExactly("MobilePhone");
        assertThat(r.openFields()).isEmpty();
        assertThat(r.pulledValues()).containsExactly(Map.entry("MobilePhone", "+1 555 0002"));
        assertThat(r.niaValuesSeen()).containsExactly(Map.entry("MobilePhone", "+1 555 0001"));
        assertThat(r.changes()).containsExactly(new FieldChange("MobilePhone", Side.NIA, "+1 555 0001", "+1 555 0002"));
        assertThat(r.newBase().values()).containsExactly(Map.entry("MobilePhone", "+1 555 0002"));
    }

    @Test
    void localWinsPatchesOnlyTheDecidedColumnAndAsksNothingOfNia() {
        leadInCreatio("+1 555 0002");

        SyncResult r = run(phone(ResolutionStrategy.LOCAL_WINS, "+1 555 0001"));

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(r.action()).isEqualTo(Action.UPDATE);
        assertThat(creatio.patches).containsExactly(Map.of("MobilePhone", "+1 555 0001"));
        assertThat(creatio.row("Lead", creatioId)).containsEntry("MobilePhone", "+1 555 0001")
                .containsEntry("Email", "ada@nia.example");
        assertThat(r.pulledValues()).isNull();
        assertThat(r.niaValuesSeen()).isNull();
        assertThat(r.changes()).containsExactly(new FieldChange("MobilePhone", Side.CREATIO, "+1 555 0002", "+1 555 0001"));
        assertThat(r.closedFields()).containsExactly("MobilePhone");
        assertThat(r.entity().creatioId()).isEqualTo(creatioId);
    }

    @Test
    void manualMergeWritesTheMergedValueOnBothSidesAndHashesCreatioAsItNowIs() {
        leadInCreatio("+1 555 0002");

        SyncResult r = run(phone(ResolutionStrategy.MANUAL_MERGE, "+1 555 0003"));

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(creatio.row("Lead", creatioId)).containsEntry("MobilePhone", "+1 555 0003");
        assertThat(r.pulledValues()).containsExactly(Map.entry("MobilePhone", "+1 555 0003"));
        assertThat(r.niaValuesSeen()).containsExactly(Map.entry("MobilePhone", "+1 555 0001"));
        assertThat(r.changes()).containsExactly(new FieldChange("MobilePhone", Side.CREATIO, "+1 555 0002", "+1 555 0003"),
                new FieldChange("MobilePhone", Side.NIA, "+1 555 0001", "+1 555 0003"));
        Map<String, Object> after = new java.util.TreeMap<>();
        Map<String, Object> row = CanonicalValues.canonical(creatio.row("Lead", creatioId));
        for (String column : List.of("Contact", "Email", "MobilePhone", "Account", "FullJobTitle", "QualifyStatusId", "Budget",
                "Commentary", "MeetingDate")) {
            after.put(column, row.get(column));
        }
        assertThat(r.newBase().creatioHash()).isEqualTo(CanonicalHash.of(after));
        assertThat(r.newBase().niaHash()).isNull();
    }

    @Test
    void aDecisionMadeBeforeCreatioMovedIsSupersededAndWritesNothing() {
        leadInCreatio("+1 555 0009");

        SyncResult r = run(phone(ResolutionStrategy.MANUAL_MERGE, "+1 555 0003"));

        assertThat(r.outcome()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(creatio.patches).isEmpty();
        assertThat(creatio.row("Lead", creatioId)).containsEntry("MobilePhone", "+1 555 0009");
        assertThat(r.pulledValues()).isNull();
        assertThat(r.closedFields()).isEmpty();
        assertThat(r.openFields()).containsExactly("MobilePhone");
        assertThat(r.newBase()).isNull();
    }

    @Test
    void aRedeliveredDecisionFindsTheChosenValueAlreadyInCreatioAndIsNotSuperseded() {
        leadInCreatio("+1 555 0002");
        ResolveCommand merge = phone(ResolutionStrategy.MANUAL_MERGE, "+1 555 0003");
        SyncResult first = run(merge);
        creatio.calls.clear();

        SyncResult again = run(merge);

        assertThat(again.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(creatio.calls).containsExactly("get Lead");
        assertThat(again.closedFields()).isEqualTo(first.closedFields());
        assertThat(again.pulledValues()).isEqualTo(first.pulledValues());
    }

    @Test
    void creatioDownIsAFailedResultWithATransientReasonNeverDroppedOrDeadLettered() {
        leadInCreatio("+1 555 0002");
        creatio.failAlways = new GatewayException(503, "CREATIO_UNAVAILABLE", 503, null, "Creatio answered 503");

        SyncResult r = run(phone(ResolutionStrategy.LOCAL_WINS, "+1 555 0001"));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.failure().category()).isEqualTo(Failure.Category.TRANSIENT);
        assertThat(r.failure().message()).contains("CREATIO_UNAVAILABLE");
        assertThat(r.closedFields()).isEmpty();
        assertThat(r.calls()).hasSize(1).allSatisfy(c -> assertThat(c.status()).isEqualTo(503));
        assertThat(creatio.row("Lead", creatioId)).containsEntry("MobilePhone", "+1 555 0002");
    }

    @Test
    void aValueNiaCannotHoldIsRefusedBeforeAnythingIsWritten() {
        creatio.put("Lead", creatioId, Map.of("Contact", "Ada Lovelace", "QualifyStatusId", "d790a45d-03ff-4ddb-9dea-8087722c582c"));

        SyncResult r = run(decide(MismatchType.FIELD_MISMATCH, ResolutionStrategy.MANUAL_MERGE, "QualifyStatusId",
                "00000000-aaaa-4bbb-8ccc-000000000001", "d790a45d-03ff-4ddb-9dea-8087722c582c",
                "d790a45d-03ff-4ddb-9dea-8087722c582c"));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.failure().category()).isEqualTo(Failure.Category.VALIDATION);
        assertThat(creatio.calls).isEmpty();
    }

    @Test
    void aCorrectedValueIsWrittenToCreatioLikeAnyDecision() {
        creatio.put("Lead", creatioId, Map.of("Contact", "Ada Lovelace", "Email", "ada@nia.example"));

        SyncResult r = run(decide(MismatchType.VALIDATION_FAILED, ResolutionStrategy.CORRECTED_VALUE, "FullJobTitle", "CTO",
                null, null));

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(creatio.row("Lead", creatioId)).containsEntry("FullJobTitle", "CTO");
        assertThat(r.pulledValues()).containsExactly(Map.entry("FullJobTitle", "CTO"));
        assertThat(r.closedFields()).containsExactly("FullJobTitle");
    }

    @Test
    void aCorrectedValueOfARecordNeverCreatedGoesToNiaOnlyForTheCreateToBePlannedAgain() {
        ResolveCommand fix = new ResolveCommand(UUID.randomUUID(), conflictId, EntityKey.local(EntityType.LEAD, localId),
                MismatchType.VALIDATION_FAILED, ResolutionStrategy.CORRECTED_VALUE, "Contact", "Ada Lovelace", null, null,
                "olga.operator", 1, 1);

        SyncResult r = run(fix);

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(creatio.calls).isEmpty();
        assertThat(r.pulledValues()).containsExactly(Map.entry("Contact", "Ada Lovelace"));
        assertThat(r.closedFields()).containsExactly("Contact");
        assertThat(r.newBase()).isNull();
    }

    @Test
    void emptyingARequiredColumnIsRefused() {
        leadInCreatio("+1 555 0002");

        SyncResult r = run(decide(MismatchType.FIELD_MISMATCH, ResolutionStrategy.MANUAL_MERGE, "Contact", null, "Ada Lovelace",
                "Ada Lovelace"));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.failure().category()).isEqualTo(Failure.Category.VALIDATION);
        assertThat(creatio.patches).isEmpty();
    }

    @Test
    void pickingACreatioRecordAnswersTheLinkToIt() {
        UUID chosen = UUID.randomUUID();
        creatio.put("Lead", chosen, Map.of("Contact", "Ada Lovelace", "Email", "ada@nia.example"));
        ResolveCommand pick = new ResolveCommand(UUID.randomUUID(), conflictId, EntityKey.local(EntityType.LEAD, localId),
                MismatchType.DUPLICATE_MATCH, ResolutionStrategy.PICK_CREATIO_RECORD, null, chosen.toString(), null, null,
                "olga.operator", 1, 1);

        SyncResult r = run(pick);

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(r.action()).isEqualTo(Action.LINK);
        assertThat(r.entity().creatioId()).isEqualTo(chosen);
        assertThat(r.closedFields()).containsExactly("Id");
        assertThat(creatio.patches).isEmpty();
    }

    @Test
    void pickingARecordDeletedMeanwhileIsSuperseded() {
        ResolveCommand pick = new ResolveCommand(UUID.randomUUID(), conflictId, EntityKey.local(EntityType.LEAD, localId),
                MismatchType.DUPLICATE_MATCH, ResolutionStrategy.PICK_CREATIO_RECORD, null, UUID.randomUUID().toString(), null,
                null, "olga.operator", 1, 1);

        SyncResult r = run(pick);

        assertThat(r.outcome()).isEqualTo(Outcome.SUPERSEDED);
        assertThat(r.openFields()).containsExactly("Id");
        assertThat(r.entity().creatioId()).isNull();
    }

    @Test
    void deleteInNiaOfARecordStillGoneInCreatioTellsSyncApiToDeleteIt() {
        SyncResult r = run(decide(MismatchType.UPDATE_VS_DELETE, ResolutionStrategy.DELETE_IN_NIA, null, null, null, null));

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(r.action()).isEqualTo(Action.DELETE);
        assertThat(r.creatioDeleted()).isTrue();
        assertThat(r.closedFields()).containsExactly("Id");
        assertThat(creatio.calls).containsExactly("get Lead");
    }

    @Test
    void restoreInCreatioOfARecordStillGoneIsHandedToSyncApiWithTheConflictStillOpen() {
        SyncResult r = run(decide(MismatchType.UPDATE_VS_DELETE, ResolutionStrategy.RESTORE_IN_CREATIO, null, null, null, null));

        assertThat(r.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(r.action()).isEqualTo(Action.RESTORE);
        assertThat(r.openFields()).containsExactly("Id");
        assertThat(r.closedFields()).isEmpty();
        assertThat(creatio.sets.getOrDefault("Lead", Map.of())).isEmpty();
    }

    @Test
    void aRecordBackInCreatioSupersedesEitherUpdateVsDeleteDecision() {
        leadInCreatio("+1 555 0002");

        for (ResolutionStrategy s : List.of(ResolutionStrategy.RESTORE_IN_CREATIO, ResolutionStrategy.DELETE_IN_NIA)) {
            SyncResult r = run(decide(MismatchType.UPDATE_VS_DELETE, s, null, null, null, null));
            assertThat(r.outcome()).isEqualTo(Outcome.SUPERSEDED);
            assertThat(r.closedFields()).isEmpty();
        }
        assertThat(creatio.patches).isEmpty();
    }

    @Test
    void aStrategyThatDoesNotFitTheConflictTypeIsAFailedResultWithoutACreatioCall() {
        SyncResult r = run(decide(MismatchType.UPDATE_VS_DELETE, ResolutionStrategy.LOCAL_WINS, "MobilePhone", "x", "x", "y"));

        assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(r.failure().category()).isEqualTo(Failure.Category.PERMANENT);
        assertThat(r.failure().message()).contains("local_wins").contains("update_vs_delete");
        assertThat(creatio.calls).isEmpty();
    }
}
