package com.nia.crmsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.model.resync.ResyncRequest;

/** Every payload survives serialise → deserialise unchanged, inside its envelope. */
class JsonRoundTripTests {

    /** The payload type a consumer of each sample's topic reads it as. */
    static final Map<String, Class<?>> READ_AS = Map.of(
            "syncCommand", Command.class,
            "probeCommand", Command.class,
            "resolveCommand", Command.class,
            "syncResult", SyncResult.class,
            "dryRunResult", SyncResult.class,
            "mismatch", Mismatch.class,
            "resyncRequest", ResyncRequest.class,
            "meetingEnded", MeetingEnded.class,
            "configuration", ConfigRecord.class);

    static Set<String> samples() {
        return READ_AS.keySet();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyEnvelopeRoundTripsUnchangedAsItsConsumerReadsIt(String sample) {
        Envelope<?> sent = Samples.envelopes().get(sample);

        Envelope<?> read = Json.readEnvelope(Json.writeBytes(sent), READ_AS.get(sample));

        assertThat(read).isEqualTo(sent);
    }

    @Test
    void everySampleHasAReadType() {
        assertThat(Samples.envelopes().keySet()).containsExactlyInAnyOrderElementsOf(READ_AS.keySet());
    }

    @Test
    void syncCommandEnvelopeRoundTripsUnchanged() {
        Envelope<SyncCommand> sent = Samples.syncCommandEnvelope();

        Envelope<SyncCommand> read = Json.readEnvelope(Json.write(sent), SyncCommand.class);

        assertThat(read).isEqualTo(sent);
    }

    @Test
    void probeCommandRoundTripsAndCarriesItsWorkHint() {
        Envelope<SyncCommand> sent = Envelope.command(Samples.probeCommand(), UUID.randomUUID());

        Envelope<SyncCommand> read = Json.readEnvelope(Json.writeBytes(sent), SyncCommand.class);

        assertThat(read).isEqualTo(sent);
        assertThat(Json.mapper().valueToTree(sent).at("/payload/operation").asText()).isEqualTo("probe");
        assertThat(read.payload().workMillis()).isEqualTo(250L);
    }

    @Test
    void bothCommandKindsReadBackAsTheirOwnTypeFromTheSharedTopic() {
        Envelope<Command> sync = Envelope.command(Samples.syncCommand(), UUID.randomUUID());
        Envelope<Command> resolve = Envelope.command(Samples.resolveCommand(), UUID.randomUUID());

        Envelope<Command> syncRead = Json.readEnvelope(Json.write(sync), Command.class);
        Envelope<Command> resolveRead = Json.readEnvelope(Json.write(resolve), Command.class);

        assertThat(syncRead).isEqualTo(sync);
        assertThat(syncRead.payload()).isInstanceOf(SyncCommand.class);
        assertThat(syncRead.type()).isEqualTo(EventTypes.SYNC_COMMAND);
        assertThat(resolveRead).isEqualTo(resolve);
        assertThat(resolveRead.payload()).isInstanceOf(ResolveCommand.class);
        assertThat(resolveRead.type()).isEqualTo(EventTypes.RESOLVE_COMMAND);
    }

    @Test
    void commandsCarryTheirKindEvenWhenWrittenAsTheConcreteType() {
        JsonNode json = Json.mapper().valueToTree(Samples.syncCommand());

        assertThat(json.get("kind").asText()).isEqualTo("sync");
        assertThat(Json.mapper().valueToTree(Samples.resolveCommand()).get("kind").asText()).isEqualTo("resolve");
    }

    @Test
    void aBuiltCommandEqualsTheSameCommandBuiltByItsConstructor() {
        SyncCommand sample = Samples.syncCommand();

        SyncCommand built = SyncCommand.builder(sample.entity(), sample.operation(), sample.lane(),
                        sample.configVersion())
                .commandId(sample.commandId()).nia(sample.niaSnapshot(), sample.niaUpdatedAt(), sample.niaVersion())
                .base(sample.base()).creatioSnapshot(sample.creatioSnapshot())
                .allocatedCreatioId(sample.allocatedCreatioId()).runId(sample.runId())
                .niaFields(sample.niaFields()).maxRetries(sample.maxRetries()).build();

        assertThat(built).isEqualTo(sample);
        assertThat(built.nextAttempt().attempt()).isEqualTo(2);
        assertThat(built.nextAttempt().commandId()).isEqualTo(built.commandId());
    }

    @Test
    void syncResultRoundTripsUnchanged() {
        Envelope<SyncResult> sent = Envelope.result(Samples.syncCommandEnvelope(), Samples.syncResult());

        Envelope<SyncResult> read = Json.readEnvelope(Json.write(sent), SyncResult.class);

        assertThat(read).isEqualTo(sent);
    }

    @Test
    void enumsTravelInLowerSnakeCaseAndInstantsAsIsoStrings() {
        JsonNode json = Json.mapper().valueToTree(Samples.syncCommandEnvelope());

        assertThat(json.at("/payload/lane").asText()).isEqualTo("realtime");
        assertThat(json.at("/payload/entity/entityType").asText()).isEqualTo("lead");
        assertThat(json.at("/occurredAt").asText()).isEqualTo("2026-11-27T09:15:30Z");
        assertThat(json.at("/payload/niaUpdatedAt").asText()).isEqualTo("2026-11-27T10:02:11.504517400Z");
        assertThat(json.at("/payload/niaSnapshot/Budget").decimalValue()).isEqualByComparingTo("50000.00");
    }

    @Test
    void absentOptionalFieldsAreLeftOutButEmptiedSnapshotColumnsAreKept() {
        JsonNode json = Json.mapper().valueToTree(Samples.syncCommandEnvelope());

        assertThat(json.has("causationId")).isFalse();
        assertThat(json.at("/payload").has("workMillis")).isFalse();
        assertThat(json.at("/payload/niaSnapshot").has("Commentary")).isTrue();
        assertThat(json.at("/payload/niaSnapshot/Commentary").isNull()).isTrue();
    }

    @Test
    void aConsumerCanCheckTheTypeBeforeChoosingThePayloadClass() {
        Envelope<?> sent = Samples.envelopes().get("meetingEnded");

        Envelope<JsonNode> tree = Json.readEnvelopeTree(Json.writeBytes(sent));

        assertThat(tree.validate()).isEmpty();
        assertThat(tree.is(EventTypes.MEETING_ENDED)).isTrue();
        assertThat(Json.payloadAs(tree, MeetingEnded.class)).isEqualTo(sent);
    }

    @Test
    void unknownFieldsFromANewerProducerAreIgnored() {
        String json = Json.write(Samples.syncCommandEnvelope())
                .replaceFirst("\\{", "{\"addedLater\":{\"x\":1},")
                .replace("\"operation\":", "\"alsoAddedLater\":[1,2],\"operation\":");

        Envelope<SyncCommand> read = Json.readEnvelope(json, SyncCommand.class);

        assertThat(read).isEqualTo(Samples.syncCommandEnvelope());
    }
}
