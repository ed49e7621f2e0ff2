package com.nia.crmsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;

/** Deterministic ids: what makes a redelivered command harmless downstream. */
class IdsTests {

    @Test
    void redeliveredCommandYieldsTheSameResultEventId() {
        Envelope<SyncResult> first = Envelope.result(Samples.syncCommandEnvelope(), Samples.syncResult());
        Envelope<SyncResult> redelivered = Envelope.result(Samples.syncCommandEnvelope(), Samples.syncResult());

        assertThat(redelivered.eventId()).isEqualTo(first.eventId());
        assertThat(first.eventId()).isEqualTo(Ids.resultEventId(Samples.syncCommand().commandId(), 1));
    }

    @Test
    void aProbeAnsweredTwiceGivesEqualResultsButForTheTime() {
        var probe = Samples.probeCommand();

        SyncResult first = SyncResult.probed(probe, "worker-1");
        SyncResult second = SyncResult.probed(probe, "worker-1");

        assertThat(first).usingRecursiveComparison().ignoringFields("completedAt").isEqualTo(second);
        assertThat(first.outcome()).isEqualTo(Outcome.PROBED);
        assertThat(first.lane()).isEqualTo(probe.lane());
        assertThat(first.operation()).isEqualTo(Operation.PROBE);
    }

    @Test
    void aResolutionResultNamesItsConflict() {
        var resolve = Samples.resolveCommand();

        SyncResult result = SyncResult.answering(resolve, Outcome.SYNCED, "worker-1")
                .closedFields(List.of(resolve.field())).build();

        assertThat(result.conflictId()).isEqualTo(resolve.conflictId());
        assertThat(result.closedFields()).containsExactly("MobilePhone");
        assertThat(result.lane()).isEqualTo(Lane.REALTIME);
    }

    @Test
    void theSameMismatchFoundTwiceHasOneEventId() {
        var command = Samples.syncCommandEnvelope();

        assertThat(Envelope.mismatch(command, Samples.mismatch()).eventId())
                .isEqualTo(Envelope.mismatch(command, Samples.mismatch()).eventId())
                .isEqualTo(Ids.mismatchEventId(Samples.syncCommand().commandId(), 1, "MobilePhone"))
                .isNotEqualTo(Ids.mismatchEventId(Samples.syncCommand().commandId(), 1, "Email"));
    }

    @Test
    void aRetryIsANewResult() {
        UUID command = UUID.randomUUID();

        assertThat(Ids.resultEventId(command, 2)).isNotEqualTo(Ids.resultEventId(command, 1));
    }

    @Test
    void resultIsCorrelatedWithAndCausedByItsCommand() {
        var command = Samples.syncCommandEnvelope();

        Envelope<SyncResult> result = Envelope.result(command, Samples.syncResult());

        assertThat(result.causationId()).isEqualTo(command.eventId());
        assertThat(result.correlationId()).isEqualTo(command.correlationId());
        assertThat(result.aggregateId()).isEqualTo(command.aggregateId()).isEqualTo("lead:" + Samples.LEAD_ID);
        assertThat(result.traceparent()).isEqualTo(command.traceparent());
    }

    @Test
    void nameBasedIdsAreVersionFiveAndStableAcrossRuns() {
        UUID id = Ids.nameBased(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com");

        // the RFC 9562 test vector for the DNS namespace
        assertThat(id).isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        assertThat(id.version()).isEqualTo(5);
    }

    @Test
    void aRecordIsAllocatedTheSameCreatioIdEveryTime() {
        UUID local = UUID.randomUUID();

        assertThat(Ids.creatioIdFor(EntityType.LEAD, local)).isEqualTo(Ids.creatioIdFor(EntityType.LEAD, local))
                .isNotEqualTo(Ids.creatioIdFor(EntityType.CONTACT, local));
    }
}
