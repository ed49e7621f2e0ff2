package com.nia.crmsync.worker.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.worker.gateway.GatewayException;

/** Names next to lookup ids in what the worker publishes: mismatches and changes of lookup columns only. */
class LookupNamingTests {

    private static final CreatioConfiguration CONFIG = DefaultConfiguration.create();
    private static final String QUALIFICATION = "d790a45d-03ff-4ddb-9dea-8087722c582c";
    private static final String DISTRIBUTION = "14cfc644-e3ed-497e-8279-ed4319bb8093";

    private final FakeCreatio creatio = new FakeCreatio();
    private final LookupNaming naming = new LookupNaming(creatio);

    private static RecordSync.Handled handled(String field, Object nia, Object creatioValue) {
        EntityKey lead = new EntityKey(EntityType.LEAD, UUID.randomUUID(), UUID.randomUUID());
        SyncCommand cmd = SyncCommand.builder(lead, Operation.UPDATE, Lane.BULK, 1).build();
        Envelope<Command> envelope = Envelope.command((Command) cmd, UUID.randomUUID());
        Mismatch m = new Mismatch(cmd.commandId(), 1, MismatchType.FIELD_MISMATCH, lead, field, null, nia, creatioValue,
                Instant.now(), Instant.now(), ConflictPolicy.MANUAL, null, null, "manual", null, null, 1, false, null,
                Instant.now());
        SyncResult r = SyncResult.answering(cmd, Outcome.SYNCED, "test")
                .changes(List.of(new FieldChange(field, Side.NIA, nia, creatioValue), new FieldChange("Email", Side.CREATIO, "a@b", "c@d")))
                .build();
        return new RecordSync.Handled(envelope, Envelope.result(envelope, r), List.of(Envelope.mismatch(envelope, m)), null, null);
    }

    @Test
    void aMismatchAndTheChangesOfALookupColumnCarryTheNamesOfTheirIds() {
        creatio.names.put("QualifyStatus", Map.of(UUID.fromString(QUALIFICATION), "Qualification",
                UUID.fromString(DISTRIBUTION), "Distribution"));

        RecordSync.Handled named = naming.named(CONFIG, List.of(handled("QualifyStatusId", QUALIFICATION, DISTRIBUTION))).get(0);

        assertThat(named.mismatches().get(0).payload().valueNames())
                .containsExactlyInAnyOrderEntriesOf(Map.of(QUALIFICATION, "Qualification", DISTRIBUTION, "Distribution"));
        assertThat(named.result().payload().valueNames())
                .containsExactlyInAnyOrderEntriesOf(Map.of(QUALIFICATION, "Qualification", DISTRIBUTION, "Distribution"));
        assertThat(creatio.count("names")).isEqualTo(1);
    }

    @Test
    void anIdWithNoRowIsNamedNullAndOtherColumnsAreNotAsked() {
        String unknown = UUID.randomUUID().toString();
        RecordSync.Handled lookup = naming.named(CONFIG, List.of(handled("QualifyStatusId", QUALIFICATION, unknown))).get(0);
        Map<String, String> expected = new HashMap<>();
        expected.put(QUALIFICATION, null);
        expected.put(unknown, null);
        assertThat(lookup.mismatches().get(0).payload().valueNames()).isEqualTo(expected);

        RecordSync.Handled text = naming.named(CONFIG, List.of(handled("Email", "a@b", "c@d"))).get(0);
        assertThat(text.mismatches().get(0).payload().valueNames()).isNull();
        assertThat(text.result().payload().valueNames()).isNull();
        assertThat(creatio.count("names")).isEqualTo(1);
    }

    @Test
    void aGatewayThatCannotNameLeavesTheNamesOutAndFailsNothing() {
        creatio.failAlways = GatewayException.unreachable(new RuntimeException("down"));
        List<RecordSync.Handled> answers = Collections.singletonList(handled("QualifyStatusId", QUALIFICATION, DISTRIBUTION));

        List<RecordSync.Handled> named = naming.named(CONFIG, answers);

        assertThat(named).isSameAs(answers);
        assertThat(named.get(0).mismatches().get(0).payload().valueNames()).isNull();
    }
}
