package com.nia.crmsync.syncapi.meeting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.meeting.MeetingEnded;

/** The consumer's reading of a record, and the notes block, without a broker or a database. */
class MeetingEndedReadTests {

    static final MeetingEnded VALID = MeetingFixtures.event("m-1", 1, null, "sam@nia.example", List.of(), List.of(), List.of());

    @Test
    void readsAValidEventWhole() {
        UUID eventId = UUID.randomUUID();
        var envelope = MeetingEndedConsumer.read(MeetingFixtures.envelope(eventId, VALID));
        assertThat(envelope.eventId()).isEqualTo(eventId);
        assertThat(envelope.payload()).isEqualTo(VALID);
    }

    @Test
    void namesWhatIsWrongInTheReason() {
        String valid = MeetingFixtures.envelope(UUID.randomUUID(), VALID);
        assertThatThrownBy(() -> MeetingEndedConsumer.read(valid.replace("\"nia.meeting.ended\"", "\"crm.sync.result\"")))
                .hasMessageStartingWith("invalid event: [/type: expected nia.meeting.ended, got crm.sync.result]");
        assertThatThrownBy(() -> MeetingEndedConsumer.read(valid.replace("\"schemaVersion\":1", "\"schemaVersion\":2")))
                .hasMessageStartingWith("unsupported schema version: 2 of nia.meeting.ended");
        assertThatThrownBy(() -> MeetingEndedConsumer.read(valid.replace("\"startedAt\":\"2026-11-20T09:00:00Z\"", "\"startedAt\":\"soon\"")))
                .hasMessageStartingWith("invalid event: payload is not a meeting-ended");
        assertThatThrownBy(() -> MeetingEndedConsumer.read(valid.replace("\"2026-11-20T10:00:00Z\"", "\"2026-11-20T08:00:00Z\"")))
                .hasMessageContaining("/payload/endedAt: must not be before startedAt");
        assertThatThrownBy(() -> MeetingEndedConsumer.read("[]")).hasMessageStartingWith("invalid event: ");
        assertThatThrownBy(() -> MeetingEndedConsumer.read("")).hasMessageStartingWith("invalid event: ");
    }

    @Test
    void runsAgainOnlyAfterLosingARace() {
        assertThat(MeetingEndedConsumer.concurrentChange(new RuntimeException(new jakarta.persistence.OptimisticLockException("v")))).isTrue();
        assertThat(MeetingEndedConsumer.concurrentChange(new RuntimeException(new java.sql.SQLException("deadlock", "40P01")))).isTrue();
        assertThat(MeetingEndedConsumer.concurrentChange(new RuntimeException(new java.sql.SQLException("no column", "42703")))).isFalse();
        assertThat(MeetingEndedConsumer.concurrentChange(new IllegalStateException("bug"))).isFalse();
    }

    @Test
    void writesTheCompetitorBlockIntoTheNotesOnlyForTheNotesTarget() {
        List<MeetingEnded.CompetitorMention> mentions = List.of(
                new MeetingEnded.CompetitorMention(null, " Salesforce ", "too pricey", MeetingEnded.Sentiment.NEGATIVE),
                new MeetingEnded.CompetitorMention("x", "HubSpot", null, MeetingEnded.Sentiment.NEUTRAL));
        CreatioConfiguration.MeetingSettings notes = new CreatioConfiguration.MeetingSettings("Meeting", null, null,
                CreatioConfiguration.CompetitorTarget.NOTES, null);
        CreatioConfiguration.MeetingSettings entitySet = new CreatioConfiguration.MeetingSettings("Meeting", null, null,
                CreatioConfiguration.CompetitorTarget.ENTITY_SET, "UsrCompetitorMention");
        assertThat(MeetingService.notes("Summary.", mentions, notes))
                .isEqualTo("Summary.\n\nCompetitors mentioned:\n- Salesforce (negative): too pricey\n- HubSpot (neutral)");
        assertThat(MeetingService.notes(null, mentions, notes)).startsWith("Competitors mentioned:\n- Salesforce");
        assertThat(MeetingService.notes("Summary.", List.of(), notes)).isEqualTo("Summary.");
        assertThat(MeetingService.notes("Summary.", mentions, entitySet)).isEqualTo("Summary.");
    }
}
