package com.nia.crmsync.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.Condition;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.resync.ResyncRequest;
import com.nia.crmsync.model.resync.ResyncScope;
import com.nia.crmsync.model.command.CreatioSnapshot;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.CallSummary;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Fully populated samples of every payload, built from the records themselves: the round-trip
 * tests and the AsyncAPI contract test share them, so a field added to a record is exercised by
 * both as soon as the sample sets it.
 */
public final class Samples {

    public static final Instant T0 = Instant.parse("2026-11-27T09:15:30Z");
    public static final Instant T1 = Instant.parse("2026-11-27T10:02:11.5045174Z");
    public static final UUID LEAD_ID = UUID.fromString("3f1d0f6e-6a3b-4a59-9d7e-5a9c1f2b7c10");
    public static final UUID CREATIO_LEAD_ID = UUID.fromString("a1b2c3d4-0000-4000-8000-00000000c0de");
    public static final EntityKey LEAD = new EntityKey(EntityType.LEAD, LEAD_ID, CREATIO_LEAD_ID);

    private Samples() {
    }

    /** Lead values in Creatio columns, every canonical scalar kind, including an emptied column. */
    public static Map<String, Object> leadValues(String email) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Contact", "Ada Lovelace");
        values.put("Email", email);
        values.put("Budget", new BigDecimal("50000.00"));
        values.put("DoNotUseEmail", false);
        values.put("QualifyStatusId", "d790a45d-03ff-4ddb-9dea-8087722c582c");
        values.put("Score", 42);
        values.put("Commentary", null);
        return values;
    }

    public static BaseSnapshot base() {
        return new BaseSnapshot(leadValues("ada@example.com"), "sha256:9f86d081884c7d65", "sha256:60303ae22b998861",
                T0);
    }

    public static SyncCommand syncCommand() {
        return new SyncCommand(UUID.fromString("5b0b8a3e-2f5c-4c9e-9a41-0f7e3d2c1b00"), LEAD, Operation.UPDATE,
                Lane.REALTIME, leadValues("ada@nia.example"), T1, 7L, base(),
                new CreatioSnapshot(leadValues("ada@creatio.example"), T1, T1, false),
                CREATIO_LEAD_ID, 12L, false, 1, UUID.fromString("0e0e0e0e-1111-4222-8333-444444444444"), null,
                Map.of("first_name", "Ada", "last_name", "Lovelace", "email", "ada@nia.example"), 5, null, null, null);
    }

    public static SyncCommand probeCommand() {
        return new SyncCommand(UUID.fromString("7c1e5a10-0b7a-4d0e-8f55-3c2a1b0d9e01"),
                EntityKey.local(EntityType.LEAD, LEAD_ID), Operation.PROBE, Lane.BULK, Map.of(), null, null, null,
                null, null, 12L, false, 1, null, 250L, null, null,
                new com.nia.crmsync.model.command.PullPage("Lead", T0, 1000, 3),
                new com.nia.crmsync.model.command.ReconcilePage("Lead", 1000, 0, List.of(CREATIO_LEAD_ID)),
                UUID.fromString("c0ffee00-1234-4abc-9def-0123456789ab"));
    }

    public static ResolveCommand resolveCommand() {
        return new ResolveCommand(UUID.fromString("2d6f0a9c-8e41-4b7a-a3c2-51f0e9d8c7b6"),
                UUID.fromString("c0ffee00-1234-4abc-9def-0123456789ab"), LEAD, MismatchType.FIELD_MISMATCH,
                ResolutionStrategy.MANUAL_MERGE, "MobilePhone", "+44 20 7946 0000", "+44 20 7946 0001",
                "+44 20 7946 0002", "olga.operator", 12L, 1);
    }

    public static SyncResult syncResult() {
        return new SyncResult(syncCommand().commandId(), 1, LEAD, Operation.UPDATE, Outcome.CONFLICT, Action.UPDATE,
                List.of(new FieldChange("Email", Side.CREATIO, "ada@creatio.example", "ada@nia.example"),
                        new FieldChange("Score", Side.NIA, 41, 42)),
                base(), Map.of("Score", 42), T1,
                List.of(new CallSummary("PATCH Lead", 204, 183, null), new CallSummary("POST $batch", 200, 412, 37)),
                null, List.of("MobilePhone"), List.of(), null,
                new Failure(Failure.Category.TRANSIENT, "first try timed out", 503, "java.net.SocketTimeoutException"),
                7L, 12L, false, Lane.REALTIME, UUID.fromString("0e0e0e0e-1111-4222-8333-444444444444"),
                "sync-worker-7d9f-1", T1, null, null, true, null, null,
                List.of("Lead.Contact truncated from 300 to 250 characters"), null)
                .withValueNames(Map.of("d790a45d-03ff-4ddb-9dea-8087722c582c", "Qualification"));
    }

    public static Envelope<SyncCommand> syncCommandEnvelope() {
        // fixed ids so that two calls give equal envelopes
        return new Envelope<>(UUID.fromString("e1e1e1e1-2222-4333-8444-555555555555"), EventTypes.SYNC_COMMAND, 1,
                LEAD.kafkaKey(), UUID.fromString("0e0e0e0e-1111-4222-8333-444444444444"), null,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", T0, syncCommand());
    }

    /** A dry-run plan for a create: the fields {@link #syncResult()} leaves empty are set here. */
    public static SyncResult dryRunResult() {
        return new SyncResult(probeCommand().commandId(), 1, EntityKey.local(EntityType.LEAD, LEAD_ID),
                Operation.CREATE, Outcome.PLANNED, Action.CREATE, List.of(), null, null, null, List.of(), 1,
                List.of(), List.of("Email"), UUID.fromString("c0ffee00-1234-4abc-9def-0123456789ab"), null, null,
                12L, true, Lane.BULK, null, "sync-worker-7d9f-2", T1,
                new com.nia.crmsync.model.result.PulledPage(T0, 1000, 3, false, List.of(new com.nia.crmsync.model.result.PulledPage.Record(
                        CREATIO_LEAD_ID, T1, leadValues("ada@creatio.example")))),
                new com.nia.crmsync.model.result.ReconciledIds(1000, 0, false, List.of(CREATIO_LEAD_ID),
                        List.of(UUID.fromString("a1b2c3d4-0000-4000-8000-00000000beef"))), null,
                ResolutionStrategy.MANUAL_MERGE, Map.of("MobilePhone", "+44 20 7946 0001"), null, null);
    }

    public static Mismatch mismatch() {
        return new Mismatch(syncCommand().commandId(), 1, MismatchType.FIELD_MISMATCH, LEAD, "MobilePhone",
                "+44 20 7946 0000", "+44 20 7946 0001", "+44 20 7946 0002", T0, T1, ConflictPolicy.NEWEST_WINS,
                Side.CREATIO, "+44 20 7946 0002", "newest_wins: Creatio changed 46 min after NIA",
                List.of(CREATIO_LEAD_ID, UUID.fromString("a1b2c3d4-0000-4000-8000-00000000beef")),
                "Creatio answered 400: MobilePhone too long", 12L, false,
                UUID.fromString("0e0e0e0e-1111-4222-8333-444444444444"), T1)
                .withValueNames(Map.of("d790a45d-03ff-4ddb-9dea-8087722c582c", "Qualification")).withNiaVersion(7L);
    }

    public static ResyncRequest resyncRequest() {
        return new ResyncRequest(UUID.fromString("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"), ResyncScope.IDS,
                List.of(EntityType.LEAD), List.of(LEAD_ID), T0, Direction.BOTH, true, true, "scheduler/nightly");
    }

    public static MeetingEnded meetingEnded() {
        return new MeetingEnded("mtg-2026-11-27-0042", 2L, "Acme demo", T0, T1,
                new MeetingEnded.Person("Nina Seller", "nina@nia.example"),
                List.of(new MeetingEnded.Participant("Nina Seller", "nina@nia.example", "NIA", "Account executive",
                                true),
                        new MeetingEnded.Participant("Ada Lovelace", "ada@acme.example", "Acme", "CTO", false)),
                LEAD_ID, "Demo went well; budget confirmed.", "demo",
                Map.of("budget_discussed", true, "decision_maker_identified", true, "timeline_months", 3),
                new BigDecimal("50000.00"), "EUR",
                List.of(new MeetingEnded.ActionItem("ai-1", "Send proposal", "Pricing for 40 seats",
                        "nina@nia.example", "Nina Seller", LocalDate.parse("2026-12-04"), MeetingEnded.Priority.HIGH)),
                List.of(new MeetingEnded.CompetitorMention("cm-1", "Globex", "Currently piloting Globex",
                        MeetingEnded.Sentiment.NEGATIVE)));
    }

    /** The default configuration, with every optional part filled so that the schema sees every field. */
    public static ConfigRecord configRecord() {
        CreatioConfiguration defaults = DefaultConfiguration.create();
        EntityMapping lead = defaults.entities().get(0);
        EntityMapping fullLead = new EntityMapping(lead.entityType(), lead.entitySet(), lead.fields(),
                lead.defaultConflictPolicy(), lead.firstSyncPolicy(),
                new EntityMapping.LinkRule("Email", "UsrNiaId"), lead.deleteMode(), lead.deactivateColumn(),
                lead.deactivateValue(),
                List.of(new Condition("status", Condition.Operator.NOT_IN, List.of("converted")),
                        new Condition("email", Condition.Operator.PRESENT, null)),
                lead.requiredFields(), lead.pullIntervalSeconds(), lead.reconcileIntervalSeconds());
        CreatioConfiguration full = new CreatioConfiguration(defaults.odataRoot(),
                List.of(fullLead, defaults.entities().get(1)), defaults.flags(), defaults.batchSizes(),
                defaults.defaultMaxRetries(), defaults.deleteSafety(),
                new CreatioConfiguration.MeetingSettings("Meeting",
                        Map.of("nina@nia.example", UUID.fromString("410006e1-ca4e-4502-a9ec-e54d922d2c00")),
                        UUID.fromString("410006e1-ca4e-4502-a9ec-e54d922d2c00"),
                        CreatioConfiguration.CompetitorTarget.ENTITY_SET, "UsrCompetitorMention"));
        return new ConfigRecord(12L, T0, "alice.admin", full);
    }

    /** One envelope per event type, each with its key, as a producer would publish it. */
    public static Map<String, Envelope<?>> envelopes() {
        UUID correlation = UUID.fromString("0e0e0e0e-1111-4222-8333-444444444444");
        Map<String, Envelope<?>> all = new LinkedHashMap<>();
        all.put("syncCommand", syncCommandEnvelope());
        all.put("probeCommand", Envelope.command(probeCommand(), correlation).withOccurredAt(T0));
        all.put("resolveCommand", Envelope.command(resolveCommand(), correlation).withOccurredAt(T0));
        all.put("syncResult", Envelope.result(syncCommandEnvelope(), syncResult()).withOccurredAt(T1));
        all.put("dryRunResult", Envelope.result(syncCommandEnvelope(), dryRunResult()).withOccurredAt(T1));
        all.put("mismatch", Envelope.mismatch(syncCommandEnvelope(), mismatch()).withOccurredAt(T1));
        all.put("resyncRequest", Envelope.create(EventTypes.RESYNC_REQUESTED, resyncRequest().requestId().toString(),
                resyncRequest()).withOccurredAt(T0));
        all.put("meetingEnded", Envelope.create(EventTypes.MEETING_ENDED, meetingEnded().meetingId(), meetingEnded())
                .withTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").withOccurredAt(T1));
        all.put("configuration", Envelope.create(EventTypes.CONFIGURATION, ConfigRecord.KEY, configRecord())
                .withOccurredAt(T0));
        return all;
    }
}
