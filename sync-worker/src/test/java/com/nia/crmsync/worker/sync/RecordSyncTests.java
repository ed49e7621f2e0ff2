package com.nia.crmsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.config.FieldMapping;
import com.nia.crmsync.model.config.Overflow;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.gateway.GatewayException;

/** The sync engine over an in-memory Creatio: what it reads, decides, writes and answers. */
class RecordSyncTests {

    private static final CreatioConfiguration CONFIG = DefaultConfiguration.create();
    private static final EntityMapping LEAD = CONFIG.mapping(EntityType.LEAD).orElseThrow();

    private final FakeCreatio creatio = new FakeCreatio();
    private final RecordSync sync = new RecordSync(creatio, new WriteBatcher(creatio), Duration.ofSeconds(60));

    private static Map<String, Object> lead(String first, String last, String email) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("first_name", first);
        f.put("last_name", last);
        f.put("email", email);
        f.put("phone", "+44 20 7946 0000");
        f.put("company", "Analytical Engines Ltd");
        f.put("title", "Engineer");
        f.put("status", "new");
        f.put("budget", null);
        f.put("notes", null);
        f.put("meeting_date", null);
        return f;
    }

    private static SyncCommand.Builder command(UUID localId, UUID creatioId, Operation op, Lane lane, Map<String, Object> fields,
            BaseSnapshot base) {
        return SyncCommand.builder(new EntityKey(EntityType.LEAD, localId, creatioId), op, lane, 1)
                .nia(FieldMapper.toCreatio(LEAD, fields), Instant.now(), 1L).niaFields(fields).base(base)
                .allocatedCreatioId(Ids.creatioIdFor(EntityType.LEAD, localId)).maxRetries(3);
    }

    private List<RecordSync.Handled> run(SyncCommand... commands) {
        List<Envelope<Command>> envelopes = new ArrayList<>();
        for (SyncCommand c : commands) {
            envelopes.add(Envelope.command((Command) c, UUID.randomUUID()));
        }
        return sync.run(envelopes, CONFIG, "test");
    }

    private static SyncResult result(RecordSync.Handled h) {
        return h.result().payload();
    }

    /** Syncs a new lead and returns its base, as sync-api would keep it. */
    private BaseSnapshot created(UUID localId, Map<String, Object> fields) {
        SyncResult r = result(run(command(localId, null, Operation.UPSERT, Lane.REALTIME, fields, null).build()).get(0));
        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        return r.newBase();
    }

    @Test
    void aNewLeadIsCreatedWithItsAllocatedIdAndEveryMappedValue() {
        UUID localId = UUID.randomUUID();
        SyncResult r = result(run(command(localId, null, Operation.UPSERT, Lane.REALTIME,
                lead("Ada", "Lovelace", "ada@nia.example"), null).build()).get(0));

        UUID id = Ids.creatioIdFor(EntityType.LEAD, localId);
        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(r.action()).isEqualTo(Action.CREATE);
        assertThat(r.entity().creatioId()).isEqualTo(id);
        Map<String, Object> row = creatio.row("Lead", id);
        assertThat(row).containsEntry("Contact", "Ada Lovelace").containsEntry("Email", "ada@nia.example")
                .containsEntry("Account", "Analytical Engines Ltd").containsEntry("FullJobTitle", "Engineer")
                .containsEntry("QualifyStatusId", DefaultConfiguration.LEAD_STATUS_TO_QUALIFY_STATUS.get("new"));
        assertThat(r.newBase().values()).containsEntry("Email", "ada@nia.example");
        assertThat(r.newBase().niaHash()).isEqualTo(r.newBase().creatioHash());
        // create-first: no read of the allocated id, only the link rule's search for a lead Creatio had already
        assertThat(creatio.calls).containsExactly("find Lead", "create Lead");
    }

    @Test
    void aRedeliveredCreateFindsItsOwnRecordAndMakesNoSecond() {
        UUID localId = UUID.randomUUID();
        SyncCommand first = command(localId, null, Operation.UPSERT, Lane.REALTIME, lead("Ada", "Lovelace", "ada@nia.example"),
                null).build();
        run(first);
        creatio.calls.clear();

        SyncResult again = result(run(first).get(0));

        assertThat(creatio.sets.get("Lead")).hasSize(1);
        assertThat(creatio.count("create")).isZero();
        assertThat(again.outcome()).isIn(Outcome.SYNCED, Outcome.NO_CHANGE);
        assertThat(again.entity().creatioId()).isEqualTo(Ids.creatioIdFor(EntityType.LEAD, localId));
    }

    private static final EntityMapping TASK = CONFIG.mapping(EntityType.TASK).orElseThrow();

    private static Map<String, Object> task(String title, String startAt) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("title", title);
        f.put("start_at", startAt);
        f.put("due_at", "2026-12-10T09:00:00Z");
        f.put("status", "not_started");
        f.put("priority", "high");
        f.put("description", "from the meeting");
        f.put("owner_creatio_id", "410006e1-ca4e-4502-a9ec-e54d922d2c00");
        f.put("category_creatio_id", "f51c4643-58e6-df11-971b-001d60e938c6");
        return f;
    }

    private static SyncCommand taskCommand(UUID localId, Lane lane, Map<String, Object> fields) {
        return SyncCommand.builder(EntityKey.local(EntityType.TASK, localId), Operation.UPSERT, lane, 1)
                .nia(FieldMapper.toCreatio(TASK, fields), Instant.now(), 1L).niaFields(fields)
                .allocatedCreatioId(Ids.creatioIdFor(EntityType.TASK, localId)).maxRetries(3).build();
    }

    @Test
    void aNewTaskIsCreatedWithItsAllocatedIdWithoutAnyReadFirst() {
        UUID localId = UUID.randomUUID();

        SyncResult r = result(run(taskCommand(localId, Lane.REALTIME, task("Send the offer", "2026-12-08T09:00:00Z"))).get(0));

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(r.action()).isEqualTo(Action.CREATE);
        assertThat(r.entity().creatioId()).isEqualTo(Ids.creatioIdFor(EntityType.TASK, localId));
        assertThat(creatio.calls).containsExactly("create Activity");
    }

    @Test
    void aRedeliveredCreatePostsFirstAndTakesCreatiosDuplicateKeyAsAlreadyThereWithNoReadAndNoWrite() {
        UUID localId = UUID.randomUUID();
        SyncCommand create = taskCommand(localId, Lane.REALTIME, task("Send the offer", "2026-12-08T09:00:00Z"));
        run(create);
        creatio.calls.clear();

        SyncResult again = result(run(create).get(0));

        assertThat(creatio.sets.get("Activity")).hasSize(1);
        // the duplicate key's answer carries the record: nothing read before or after, nothing to write
        assertThat(creatio.calls).containsExactly("create Activity");
        assertThat(again.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(again.entity().creatioId()).isEqualTo(Ids.creatioIdFor(EntityType.TASK, localId));
        assertThat(again.newBase().values()).containsEntry("Title", "Send the offer");
    }

    @Test
    void aCreateMeetingItsRecordChangedSinceIsMergedWithItAndPatchesOnlyWhatNiaMustWrite() {
        UUID localId = UUID.randomUUID();
        UUID id = Ids.creatioIdFor(EntityType.TASK, localId);
        run(taskCommand(localId, Lane.REALTIME, task("Send the offer", "2026-12-08T09:00:00Z")));
        // the first attempt's result was lost; meanwhile Creatio's start date moved (a to-Creatio field: NIA's value holds)
        creatio.row("Activity", id).put("StartDate", "2026-12-09T09:00:00Z");
        creatio.calls.clear();

        SyncResult again = result(run(taskCommand(localId, Lane.REALTIME, task("Send the offer", "2026-12-08T09:00:00Z"))).get(0));

        assertThat(creatio.calls).containsExactly("create Activity", "patch Activity");
        assertThat(creatio.patches.get(creatio.patches.size() - 1)).containsOnlyKeys("StartDate");
        assertThat(again.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(creatio.sets.get("Activity")).hasSize(1);
    }

    @Test
    void redeliveredBulkCreatesPostFirstInOneBatchThenAreReadInOneCallAndWriteNothingMore() {
        List<SyncCommand> commands = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            commands.add(taskCommand(UUID.randomUUID(), Lane.BULK, task("Task " + i, "2026-12-08T09:00:00Z")));
        }
        run(commands.toArray(SyncCommand[]::new));
        assertThat(creatio.calls).containsExactly("batch");
        creatio.calls.clear();

        List<RecordSync.Handled> again = run(commands.toArray(SyncCommand[]::new));

        assertThat(again).allSatisfy(h -> assertThat(result(h).outcome()).isEqualTo(Outcome.NO_CHANGE));
        assertThat(creatio.sets.get("Activity")).hasSize(30);
        assertThat(creatio.calls).containsExactly("batch", "read Activity");
    }

    @Test
    void anExistingCreatioLeadWithTheSameEmailIsLinkedNotDuplicated() {
        UUID existing = UUID.randomUUID();
        creatio.put("Lead", existing, Map.of("Contact", "Ada Lovelace", "Email", "ADA@nia.example", "Account", "Old name"));

        SyncResult r = result(run(command(UUID.randomUUID(), null, Operation.UPSERT, Lane.REALTIME,
                lead("Ada", "Lovelace", "ada@nia.example"), null).build()).get(0));

        assertThat(r.action()).isEqualTo(Action.LINK);
        assertThat(r.entity().creatioId()).isEqualTo(existing);
        assertThat(creatio.sets.get("Lead")).hasSize(1);
        // first sync, differing Account: the first-sync policy (creatio_wins) keeps Creatio's value, reported as decided
        assertThat(r.pulledValues()).containsEntry("Account", "Old name");
        assertThat(r.changes()).contains(new FieldChange("Account", Side.NIA, "Analytical Engines Ltd", "Old name"));
    }

    @Test
    void twoCreatioRecordsMatchingOneNiaRecordAreADuplicateMatchAndNothingIsLinkedOrWritten() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        creatio.put("Lead", a, Map.of("Contact", "Ada Lovelace", "Email", "ada@nia.example"));
        creatio.put("Lead", b, Map.of("Contact", "A. Lovelace", "Email", "Ada@Nia.Example"));

        RecordSync.Handled h = run(command(UUID.randomUUID(), null, Operation.UPSERT, Lane.REALTIME,
                lead("Ada", "Lovelace", "ada@nia.example"), null).build()).get(0);

        assertThat(result(h).outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(result(h).entity().creatioId()).isNull();
        assertThat(h.mismatches()).hasSize(1);
        Mismatch m = h.mismatches().get(0).payload();
        assertThat(m.type()).isEqualTo(MismatchType.DUPLICATE_MATCH);
        assertThat(m.candidateCreatioIds()).containsExactlyInAnyOrder(a, b);
        assertThat(m.leftOpen()).isTrue();
        assertThat(creatio.count("create") + creatio.count("patch") + creatio.count("batch")).isZero();
    }

    @Test
    void anEditPatchesOnlyTheChangedColumns() {
        UUID localId = UUID.randomUUID();
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.calls.clear();
        fields.put("phone", "+44 20 7946 0999");
        fields.put("title", "Countess");

        SyncResult r = result(run(command(localId, Ids.creatioIdFor(EntityType.LEAD, localId), Operation.UPDATE,
                Lane.REALTIME, fields, base).build()).get(0));

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(r.action()).isEqualTo(Action.UPDATE);
        assertThat(creatio.patches).containsExactly(Map.of("MobilePhone", "+44 20 7946 0999", "FullJobTitle", "Countess"));
        assertThat(creatio.calls).containsExactly("get Lead", "patch Lead");
    }

    @Test
    void nothingChangedMeansNoWriteAtAll() {
        UUID localId = UUID.randomUUID();
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.calls.clear();

        SyncResult r = result(run(command(localId, Ids.creatioIdFor(EntityType.LEAD, localId), Operation.UPDATE,
                Lane.REALTIME, fields, base).build()).get(0));

        assertThat(r.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(creatio.calls).containsExactly("get Lead");
    }

    @Test
    void theSameFieldEditedOnBothSidesIsOneMismatchWithTheNewestWinsDecisionAndTheOtherFieldsSync() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.row("Lead", creatioId).put("MobilePhone", "+1 555 0100");
        creatio.row("Lead", creatioId).put("ModifiedOn", Instant.now().minusSeconds(60).toString());
        fields.put("phone", "+44 1 NIA");
        fields.put("title", "Countess");

        RecordSync.Handled h = run(command(localId, creatioId, Operation.UPDATE, Lane.REALTIME, fields, base).build()).get(0);

        assertThat(h.mismatches()).hasSize(1);
        Mismatch m = h.mismatches().get(0).payload();
        assertThat(m.type()).isEqualTo(MismatchType.FIELD_MISMATCH);
        assertThat(m.field()).isEqualTo("MobilePhone");
        assertThat(m.policy()).isEqualTo(ConflictPolicy.NEWEST_WINS);
        assertThat(m.winner()).isEqualTo(Side.NIA);
        assertThat(m.decidedValue()).isEqualTo("+44 1 NIA");
        assertThat(m.reason()).startsWith("newest_wins");
        assertThat(result(h).outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(creatio.row("Lead", creatioId)).containsEntry("MobilePhone", "+44 1 NIA").containsEntry("FullJobTitle", "Countess");
    }

    @Test
    void aManualFieldCollisionIsLeftOpenUntouchedOnBothSides() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        fields.put("budget", 1000);
        BaseSnapshot base = created(localId, fields);
        creatio.row("Lead", creatioId).put("Budget", 2000);
        fields.put("budget", 3000);
        fields.put("notes", "met at the Royal Society");

        RecordSync.Handled h = run(command(localId, creatioId, Operation.UPDATE, Lane.REALTIME, fields, base).build()).get(0);

        assertThat(result(h).outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(result(h).openFields()).containsExactly("Budget");
        assertThat(h.mismatches()).singleElement().satisfies(e -> {
            assertThat(e.payload().policy()).isEqualTo(ConflictPolicy.MANUAL);
            assertThat(e.payload().leftOpen()).isTrue();
        });
        assertThat(creatio.row("Lead", creatioId)).containsEntry("Budget", 2000).containsEntry("Commentary", "met at the Royal Society");
        assertThat(result(h).newBase().values().get("Budget")).isEqualTo(CanonicalValues.canonical(1000));
    }

    @Test
    void aCreatioEditOfLeadContactThatKeepsTheFirstNameComesBackAsTheNewLastName() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.row("Lead", creatioId).put("Contact", "Ada King");

        RecordSync.Handled h = run(command(localId, creatioId, Operation.UPDATE, Lane.REALTIME, fields, base).build()).get(0);

        assertThat(result(h).pulledValues()).containsEntry("Contact", "Ada King");
        assertThat(FieldMapper.toNia(LEAD, result(h).pulledValues(), fields).updates()).containsEntry("last_name", "King")
                .doesNotContainKey("first_name");
        assertThat(h.mismatches()).isEmpty();
    }

    @Test
    void aCreatioEditOfLeadContactThatCannotBeSplitWithoutGuessingIsAMismatchNotAGuess() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.row("Lead", creatioId).put("Contact", "Augusta Byron King");

        RecordSync.Handled h = run(command(localId, creatioId, Operation.UPDATE, Lane.REALTIME, fields, base).build()).get(0);

        assertThat(result(h).pulledValues()).isNull();
        assertThat(result(h).outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(result(h).openFields()).containsExactly("Contact");
        assertThat(h.mismatches()).singleElement().satisfies(e -> {
            assertThat(e.payload().field()).isEqualTo("Contact");
            assertThat(e.payload().creatioValue()).isEqualTo("Augusta Byron King");
            assertThat(e.payload().leftOpen()).isTrue();
            assertThat(e.payload().reason()).contains("without guessing");
        });
        assertThat(creatio.row("Lead", creatioId)).containsEntry("Contact", "Augusta Byron King");
    }

    /**
     * A Creatio stage the status map does not know (e.g. one a customer added) cannot come back to NIA: the field stays open, and
     * no later sync — a link, then every sync_all after it, whatever the conflict policy and whichever side is newer —
     * writes NIA's status over Creatio's stage until a person decides.
     */
    @Test
    void anUnmappableCreatioValueStaysOpenAndIsNeverOverwrittenByLaterSyncs() {
        UUID existing = UUID.randomUUID();
        // a stage a customer added to QualifyStatus: neither the value map nor its inbound codes know it
        String customStage = "5f0c1a4e-7d2b-4c55-9a11-0e7b3c9d2f61";
        creatio.put("Lead", existing, Map.of("Contact", "Ada Lovelace", "Email", "ada@nia.example",
                "QualifyStatusId", customStage, "MobilePhone", "+44 20 7946 0000", "Account", "Analytical Engines Ltd",
                "FullJobTitle", "Engineer", "Budget", 0));
        creatio.row("Lead", existing).put("ModifiedOn", Instant.now().minusSeconds(3600).toString());
        UUID localId = UUID.randomUUID();
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");

        RecordSync.Handled linked = run(command(localId, null, Operation.UPSERT, Lane.BULK, fields, null).build()).get(0);

        assertThat(result(linked).action()).isEqualTo(Action.LINK);
        assertThat(result(linked).openFields()).containsExactly("QualifyStatusId");
        assertThat(linked.mismatches()).singleElement().satisfies(e -> assertThat(e.payload().leftOpen()).isTrue());
        BaseSnapshot base = result(linked).newBase();
        for (int sync = 0; sync < 3; sync++) {
            creatio.calls.clear();
            RecordSync.Handled again = run(command(localId, existing, Operation.UPDATE, Lane.BULK, fields, base).build()).get(0);

            assertThat(result(again).outcome()).isEqualTo(Outcome.CONFLICT);
            assertThat(result(again).openFields()).containsExactly("QualifyStatusId");
            assertThat(creatio.calls).noneMatch(c -> c.startsWith("patch") || c.startsWith("batch"));
            assertThat(creatio.row("Lead", existing)).containsEntry("QualifyStatusId", customStage);
            base = result(again).newBase();
        }
        // NIA moving the status afterwards is a collision the policy decides in the open (newest_wins: NIA is newer)
        fields.put("status", "qualified");
        RecordSync.Handled edited = run(command(localId, existing, Operation.UPDATE, Lane.BULK, fields, base).build()).get(0);
        assertThat(edited.mismatches()).singleElement().satisfies(e -> {
            assertThat(e.payload().winner()).isEqualTo(Side.NIA);
            assertThat(e.payload().reason()).startsWith("newest_wins");
        });
        assertThat(creatio.row("Lead", existing)).containsEntry("QualifyStatusId",
                DefaultConfiguration.LEAD_STATUS_TO_QUALIFY_STATUS.get("qualified"));
    }

    @Test
    void theRequiredFieldGateStopsARecordWithoutItsRequiredColumnAsValidationFailed() {
        Map<String, Object> fields = lead(null, null, "nobody@nia.example");

        RecordSync.Handled h = run(command(UUID.randomUUID(), null, Operation.UPSERT, Lane.REALTIME, fields, null).build()).get(0);

        assertThat(result(h).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result(h).failure().category()).isEqualTo(Failure.Category.VALIDATION);
        assertThat(h.mismatches()).singleElement().satisfies(e -> {
            assertThat(e.payload().type()).isEqualTo(MismatchType.VALIDATION_FAILED);
            assertThat(e.payload().field()).isEqualTo("Contact");
        });
        assertThat(creatio.count("create")).isZero();
    }

    private static final Map<String, Integer> LEAD_SIZES = Map.of("Contact", 250, "Account", 250, "FullJobTitle", 250,
            "Email", 250, "MobilePhone", 250);

    @Test
    void anOverLongTitleIsTruncatedWithAnEllipsisInsideTheLimitWithANoteAndIsNoChangeNextTime() {
        creatio.maxLengths.put("Lead", LEAD_SIZES);
        UUID localId = UUID.randomUUID();
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        fields.put("title", "Chief " + "very ".repeat(100) + "important engineer");

        SyncResult created = result(run(command(localId, null, Operation.UPSERT, Lane.REALTIME, fields, null).build()).get(0));

        assertThat(created.outcome()).isEqualTo(Outcome.SYNCED);
        String stored = (String) creatio.row("Lead", Ids.creatioIdFor(EntityType.LEAD, localId)).get("FullJobTitle");
        assertThat(stored).hasSizeLessThanOrEqualTo(250).endsWith("\u2026").startsWith("Chief very very");
        assertThat(created.notes()).containsExactly("Lead.FullJobTitle truncated from " + ((String) fields.get("title")).length()
                + " to " + stored.length() + " characters (column size 250, overflow rule truncate)");
        assertThat(created.newBase().values()).containsEntry("FullJobTitle", stored);

        creatio.calls.clear();
        SyncResult again = result(run(command(localId, created.entity().creatioId(), Operation.UPDATE, Lane.REALTIME, fields,
                created.newBase()).build()).get(0));

        assertThat(again.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(again.notes()).isNull();
        assertThat(creatio.count("update") + creatio.count("batch")).isZero();
    }

    @Test
    void anOverLongEmailIsValidationFailedNamingTheColumnAndItsSizeAndNothingIsWritten() {
        creatio.maxLengths.put("Lead", LEAD_SIZES);
        String email = "a".repeat(250) + "@nia.example";

        RecordSync.Handled h = run(command(UUID.randomUUID(), null, Operation.UPSERT, Lane.REALTIME,
                lead("Ada", "Lovelace", email), null).build()).get(0);

        assertThat(result(h).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result(h).failure().category()).isEqualTo(Failure.Category.VALIDATION);
        assertThat(result(h).failure().message()).contains("Lead.Email", "at most 250 characters", "262 given");
        assertThat(h.mismatches()).singleElement().satisfies(e -> {
            assertThat(e.payload().type()).isEqualTo(MismatchType.VALIDATION_FAILED);
            assertThat(e.payload().field()).isEqualTo("Email");
        });
        assertThat(creatio.count("create") + creatio.count("batch")).isZero();
        assertThat(creatio.sets.getOrDefault("Lead", Map.of())).isEmpty();
    }

    @Test
    void withTheRulePassOverLongValuesGoToCreatioAsTheyAre() {
        creatio.maxLengths.put("Lead", LEAD_SIZES);
        List<FieldMapping> passing = LEAD.fields().stream().map(f -> f.withOverflow(Overflow.PASS)).toList();
        EntityMapping lead = new EntityMapping(LEAD.entityType(), LEAD.entitySet(), passing, LEAD.defaultConflictPolicy(),
                LEAD.firstSyncPolicy(), LEAD.linkBy(), LEAD.deleteMode(), LEAD.deactivateColumn(), LEAD.deactivateValue(),
                LEAD.include(), LEAD.requiredFields(), LEAD.pullIntervalSeconds(), LEAD.reconcileIntervalSeconds());
        CreatioConfiguration config = new CreatioConfiguration(CONFIG.odataRoot(), List.of(lead), CONFIG.flags(),
                CONFIG.batchSizes(), CONFIG.defaultMaxRetries(), CONFIG.deleteSafety(), CONFIG.meetings());
        UUID localId = UUID.randomUUID();
        Map<String, Object> fields = lead("Ada", "Lovelace", "a".repeat(250) + "@nia.example");
        fields.put("title", "t".repeat(300));

        SyncResult r = sync.run(List.of(Envelope.command((Command) command(localId, null, Operation.UPSERT, Lane.REALTIME,
                fields, null).build(), UUID.randomUUID())), config, "test").get(0).result().payload();

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(creatio.row("Lead", Ids.creatioIdFor(EntityType.LEAD, localId)))
                .containsEntry("FullJobTitle", "t".repeat(300)).containsEntry("Email", fields.get("email"));
    }

    @Test
    void aTransientFailureIsRetryableUntilTheLastAttemptWhichIsFailedAndDeadLettered() {
        creatio.failAlways = new GatewayException(503, "CREATIO_UNAVAILABLE", 503, null, "Creatio answered 503");
        SyncCommand.Builder c = command(UUID.randomUUID(), null, Operation.UPSERT, Lane.REALTIME,
                lead("Ada", "Lovelace", "ada@nia.example"), null);

        RecordSync.Handled early = run(c.attempt(3).build()).get(0);
        RecordSync.Handled last = run(c.attempt(4).build()).get(0);

        assertThat(result(early).outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
        assertThat(result(early).failure().category()).isEqualTo(Failure.Category.TRANSIENT);
        assertThat(early.deadLetterReason()).isNull();
        assertThat(result(last).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(last.deadLetterReason()).contains("retries exhausted after attempt 4");
    }

    @Test
    void aSpentBudgetIsReportedAsSuchWithoutCountingAsAFailure() {
        creatio.failAlways = new GatewayException(429, "BUDGET_EXHAUSTED", null, 120L, "bulk share spent");

        RecordSync.Handled h = run(command(UUID.randomUUID(), null, Operation.UPSERT, Lane.BULK,
                lead("Ada", "Lovelace", "ada@nia.example"), null).attempt(4).build()).get(0);

        assertThat(h.budgetRefused()).isTrue();
        assertThat(result(h).outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
        assertThat(h.deadLetterReason()).isNull();
    }

    @Test
    void anOpenCircuitBreakerAtTheGatewayCostsNoAttemptEitherEvenAtTheLastOne() {
        creatio.failAlways = new GatewayException(503, "CREATIO_CIRCUIT_OPEN", null, 5L, "breaker open");

        RecordSync.Handled h = run(command(UUID.randomUUID(), null, Operation.UPSERT, Lane.REALTIME,
                lead("Ada", "Lovelace", "ada@nia.example"), null).attempt(4).build()).get(0);

        assertThat(h.budgetRefused()).isTrue();
        assertThat(h.retryAfterSeconds()).isEqualTo(5L);
        assertThat(result(h).outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
        assertThat(h.deadLetterReason()).isNull();
    }

    @Test
    void aBatchOf250NewLeadsCostsFewReadsAndThreeBatchWritesAndNoPerRecordCall() {
        List<SyncCommand> commands = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            commands.add(command(UUID.randomUUID(), null, Operation.UPSERT, Lane.BULK,
                    lead("Lead", "No" + i, "lead" + i + "@nia.example"), null).build());
        }

        List<RecordSync.Handled> handled = run(commands.toArray(SyncCommand[]::new));

        assertThat(handled).allSatisfy(h -> assertThat(result(h).outcome()).isEqualTo(Outcome.SYNCED));
        assertThat(creatio.sets.get("Lead")).hasSize(250);
        assertThat(creatio.count("get")).isZero();
        assertThat(creatio.count("read")).isZero();
        assertThat(creatio.count("find")).isEqualTo(1);
        assertThat(creatio.count("batch")).isEqualTo(3);
        assertThat(creatio.count("create")).isZero();
    }

    @Test
    void oneRecordRefusedInsideABatchFailsAloneAsValidationFailed() {
        List<SyncCommand> commands = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            commands.add(command(UUID.randomUUID(), null, Operation.UPSERT, Lane.BULK,
                    lead("Lead", "No" + i, "lead" + i + "@nia.example"), null).build());
        }
        creatio.rejectInBatch.put(commands.get(2).allocatedCreatioId(), 400);

        List<RecordSync.Handled> handled = run(commands.toArray(SyncCommand[]::new));

        Map<Outcome, Integer> outcomes = new HashMap<>();
        handled.forEach(h -> outcomes.merge(result(h).outcome(), 1, Integer::sum));
        assertThat(outcomes).containsEntry(Outcome.SYNCED, 4).containsEntry(Outcome.FAILED, 1);
        assertThat(handled.get(2).mismatches()).singleElement()
                .satisfies(e -> assertThat(e.payload().type()).isEqualTo(MismatchType.VALIDATION_FAILED));
        assertThat(result(handled.get(2)).failure().category()).isEqualTo(Failure.Category.VALIDATION);
    }

    @Test
    void aFreshSnapshotInTheCommandSavesTheRead() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.calls.clear();
        Map<String, Object> current = new HashMap<>(creatio.row("Lead", creatioId));

        SyncResult r = result(run(command(localId, creatioId, Operation.UPDATE, Lane.BULK, fields, base)
                .creatioSnapshot(new com.nia.crmsync.model.command.CreatioSnapshot(current, Instant.now(), Instant.now(), false))
                .build()).get(0));

        assertThat(r.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(creatio.calls).isEmpty();
    }

    @Test
    void aDeletedLeadIsDeactivatedPerTheDefaultDeleteMode() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);

        SyncResult r = result(run(command(localId, creatioId, Operation.DELETE, Lane.REALTIME, fields, base).build()).get(0));

        assertThat(r.action()).isEqualTo(Action.DEACTIVATE);
        assertThat(creatio.row("Lead", creatioId)).containsEntry("QualifyStatusId", LEAD.deactivateValue());

        // planned again (a sync_all, a pull seeing the deactivation): already deactivated, nothing is written again
        creatio.calls.clear();
        SyncResult again = result(run(command(localId, creatioId, Operation.DELETE, Lane.BULK, fields, base).build()).get(0));
        assertThat(again.action()).isEqualTo(Action.NO_OP);
        assertThat(again.outcome()).isEqualTo(Outcome.NO_CHANGE);
        assertThat(creatio.calls).noneMatch(c -> c.startsWith("patch") || c.startsWith("batch"));
    }

    @Test
    void anNiaEditOfALeadDeletedInCreatioIsOneUpdateVsDeleteMismatchAndNoWrite() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.sets.get("Lead").remove(creatioId);
        creatio.calls.clear();
        fields.put("title", "Countess");

        RecordSync.Handled h = run(command(localId, creatioId, Operation.UPDATE, Lane.REALTIME, fields, base).build()).get(0);

        SyncResult r = result(h);
        assertThat(r.outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(r.action()).isEqualTo(Action.CONFLICT);
        assertThat(r.creatioDeleted()).isTrue();
        assertThat(r.openFields()).containsExactly("Id");
        assertThat(r.newBase()).isNull();
        assertThat(r.entity().creatioId()).isEqualTo(creatioId);
        assertThat(h.mismatches()).singleElement().satisfies(m -> {
            assertThat(m.payload().type()).isEqualTo(MismatchType.UPDATE_VS_DELETE);
            assertThat(m.payload().leftOpen()).isTrue();
        });
        assertThat(creatio.calls).containsExactly("get Lead");
        assertThat(creatio.row("Lead", creatioId)).isNull();
    }

    @Test
    void aLeadDeletedInCreatioBetweenTheReadAndThePatchIsAnUpdateVsDeleteToo() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        Map<String, Object> snapshot = new LinkedHashMap<>(creatio.row("Lead", creatioId));
        creatio.sets.get("Lead").remove(creatioId);
        fields.put("title", "Countess");

        RecordSync.Handled h = run(command(localId, creatioId, Operation.UPDATE, Lane.REALTIME, fields, base)
                .creatioSnapshot(new com.nia.crmsync.model.command.CreatioSnapshot(snapshot, Instant.now(), Instant.now(), false))
                .build()).get(0);

        assertThat(result(h).outcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(result(h).creatioDeleted()).isTrue();
        assertThat(h.mismatches()).extracting(m -> m.payload().type()).containsExactly(MismatchType.UPDATE_VS_DELETE);
    }

    @Test
    void aRestoreRecreatesTheLeadWithItsFormerIdAndTheNiaValuesAndClosesTheConflict() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.sets.get("Lead").remove(creatioId);
        creatio.calls.clear();
        fields.put("title", "Countess");

        SyncResult r = result(run(command(localId, creatioId, Operation.RESTORE, Lane.REALTIME, fields, base)
                .allocatedCreatioId(creatioId).build()).get(0));

        assertThat(r.outcome()).isEqualTo(Outcome.SYNCED);
        assertThat(r.action()).isEqualTo(Action.RESTORE);
        assertThat(r.closedFields()).containsExactly("Id");
        assertThat(r.entity().creatioId()).isEqualTo(creatioId);
        assertThat(r.newBase().values()).containsEntry("FullJobTitle", "Countess");
        assertThat(creatio.row("Lead", creatioId)).containsEntry("FullJobTitle", "Countess").containsEntry("Contact", "Ada Lovelace");
        assertThat(creatio.calls).containsExactly("get Lead", "create Lead");
    }

    @Test
    void aRestoreRetriedAfterItsCreateWentThroughWritesNoSecondRecordAndClosesTheConflict() {
        UUID localId = UUID.randomUUID();
        UUID creatioId = Ids.creatioIdFor(EntityType.LEAD, localId);
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.sets.get("Lead").remove(creatioId);
        fields.put("title", "Countess");
        // the first attempt recreated the record, but its answer was lost: sync-api retries the restore
        result(run(command(localId, creatioId, Operation.RESTORE, Lane.REALTIME, fields, base).allocatedCreatioId(creatioId).build())
                .get(0));
        creatio.calls.clear();

        SyncResult r = result(run(command(localId, creatioId, Operation.RESTORE, Lane.REALTIME, fields, base)
                .allocatedCreatioId(creatioId).attempt(2).build()).get(0));

        assertThat(r.outcome()).isIn(Outcome.SYNCED, Outcome.NO_CHANGE);
        assertThat(r.closedFields()).containsExactly("Id");
        assertThat(r.creatioDeleted()).isNotEqualTo(Boolean.TRUE);
        assertThat(creatio.calls).doesNotContain("create Lead");
        assertThat(creatio.row("Lead", creatioId)).containsEntry("FullJobTitle", "Countess");
    }

    @Test
    void aDryRunPlansCreatesLinksUpdatesAndDeletesWithDiffsAndPlannedCallsButWritesNothing() {
        UUID edited = UUID.randomUUID();
        Map<String, Object> editedFields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot editedBase = created(edited, editedFields);
        UUID deleted = UUID.randomUUID();
        Map<String, Object> deletedFields = lead("Charles", "Babbage", "charles@nia.example");
        BaseSnapshot deletedBase = created(deleted, deletedFields);
        UUID existing = UUID.randomUUID();
        creatio.put("Lead", existing, Map.of("Contact", "Mary Somerville", "Email", "mary@nia.example", "Account", "Old name"));
        Map<String, Map<String, Object>> before = new HashMap<>();
        creatio.sets.get("Lead").forEach((id, row) -> before.put(id.toString(), new HashMap<>(row)));
        creatio.calls.clear();
        creatio.patches.clear();
        editedFields.put("title", "Countess");

        List<RecordSync.Handled> handled = run(
                command(UUID.randomUUID(), null, Operation.UPSERT, Lane.BULK, lead("Grace", "Hopper", "grace@nia.example"), null)
                        .dryRun(true).build(),
                command(UUID.randomUUID(), null, Operation.UPSERT, Lane.BULK, lead("Mary", "Somerville", "mary@nia.example"), null)
                        .dryRun(true).build(),
                command(edited, Ids.creatioIdFor(EntityType.LEAD, edited), Operation.UPDATE, Lane.BULK, editedFields, editedBase)
                        .dryRun(true).build(),
                command(deleted, Ids.creatioIdFor(EntityType.LEAD, deleted), Operation.DELETE, Lane.BULK, deletedFields,
                        deletedBase).dryRun(true).build());

        assertThat(handled).allSatisfy(h -> {
            assertThat(result(h).outcome()).isEqualTo(Outcome.PLANNED);
            assertThat(result(h).dryRun()).isTrue();
        });
        assertThat(handled.stream().map(h -> result(h).action()).toList())
                .containsExactly(Action.CREATE, Action.LINK, Action.UPDATE, Action.DEACTIVATE);
        assertThat(result(handled.get(0)).changes()).contains(new FieldChange("Email", Side.CREATIO, null, "grace@nia.example"));
        assertThat(result(handled.get(1)).changes())
                .contains(new FieldChange("Account", Side.NIA, "Analytical Engines Ltd", "Old name"))
                .contains(new FieldChange("FullJobTitle", Side.CREATIO, null, "Engineer"));
        assertThat(result(handled.get(2)).changes()).containsExactly(new FieldChange("FullJobTitle", Side.CREATIO, "Engineer", "Countess"));
        // four writes sent together would be one $batch: its one call is counted once
        assertThat(handled.stream().mapToInt(h -> result(h).plannedCalls()).sum()).isEqualTo(1);
        assertThat(creatio.count("create")).isZero();
        assertThat(creatio.count("patch")).isZero();
        assertThat(creatio.count("delete")).isZero();
        assertThat(creatio.count("batch")).isZero();
        assertThat(creatio.patches).isEmpty();
        Map<String, Map<String, Object>> after = new HashMap<>();
        creatio.sets.get("Lead").forEach((id, row) -> after.put(id.toString(), new HashMap<>(row)));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aLoneDryRunWriteCostsOneCallAndANoOpNone() {
        UUID localId = UUID.randomUUID();
        Map<String, Object> fields = lead("Ada", "Lovelace", "ada@nia.example");
        BaseSnapshot base = created(localId, fields);
        creatio.calls.clear();

        SyncResult unchanged = result(run(command(localId, Ids.creatioIdFor(EntityType.LEAD, localId), Operation.UPDATE,
                Lane.REALTIME, fields, base).dryRun(true).build()).get(0));
        SyncResult created = result(run(command(UUID.randomUUID(), null, Operation.UPSERT, Lane.REALTIME,
                lead("Grace", "Hopper", "grace@nia.example"), null).dryRun(true).build()).get(0));

        assertThat(unchanged.action()).isEqualTo(Action.NO_OP);
        assertThat(unchanged.plannedCalls()).isZero();
        assertThat(created.action()).isEqualTo(Action.CREATE);
        assertThat(created.plannedCalls()).isEqualTo(1);
        assertThat(creatio.count("create")).isZero();
    }
}
