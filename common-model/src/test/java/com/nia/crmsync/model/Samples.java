package com.nia.crmsync.model;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nia.crmsync.model.command.BaseSnapshot;
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
                CREATIO_LEAD_ID, 12L, false, 1, UUID.fromString("0e0e0e0e-1111-4222-8333-444444444444"), null);
    }

    public static SyncCommand probeCommand() {
        return new SyncCommand(UUID.fromString("7c1e5a10-0b7a-4d0e-8f55-3c2a1b0d9e01"),
                EntityKey.local(EntityType.LEAD, LEAD_ID), Operation.PROBE, Lane.BULK, Map.of(), null, null, null,
                null, null, 12L, false, 1, null, 250L);
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
                "sync-worker-7d9f-1", T1);
    }

    public static Envelope<SyncCommand> syncCommandEnvelope() {
        // fixed ids so that two calls give equal envelopes
        return new Envelope<>(UUID.fromString("e1e1e1e1-2222-4333-8444-555555555555"), EventTypes.SYNC_COMMAND, 1,
                LEAD.kafkaKey(), UUID.fromString("0e0e0e0e-1111-4222-8333-444444444444"), null,
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", T0, syncCommand());
    }
}
