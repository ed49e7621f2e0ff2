package com.nia.crmsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
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
