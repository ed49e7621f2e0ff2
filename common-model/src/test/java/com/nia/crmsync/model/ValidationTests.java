package com.nia.crmsync.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.config.DeleteMode;
import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.config.FieldMapping;
import com.nia.crmsync.model.config.Overflow;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.resync.ResyncRequest;
import com.nia.crmsync.model.resync.ResyncScope;
import com.nia.crmsync.model.validation.Violation;
import com.nia.crmsync.model.validation.Violations;

/** Inbound events and the configuration say precisely what is wrong with them, as JSON pointers. */
class ValidationTests {

    @Test
    void aCompleteMeetingEndedEventIsValid() {
        assertThat(Samples.meetingEnded().validate()).isEmpty();
    }

    @Test
    void aMeetingEndedEventListsEveryProblemWithItsPath() {
        MeetingEnded m = Samples.meetingEnded();
        MeetingEnded broken = new MeetingEnded(" ", m.revision(), m.title(), m.endedAt(), m.startedAt(),
                new MeetingEnded.Person("Nina", "not-an-email"),
                List.of(m.participants().get(0), new MeetingEnded.Participant(null, null, "Acme", null, null)),
                m.leadId(), m.summary(), m.meetingType(), Map.of("nested", List.of(1)), new BigDecimal("-1"), "eur",
                List.of(m.actionItems().get(0), m.actionItems().get(0),
                        new MeetingEnded.ActionItem(null, null, null, null, null, null, null)),
                List.of(new MeetingEnded.CompetitorMention(null, "Globex", "context", null)));

        assertThat(broken.validate()).extracting(Violation::path).containsExactlyInAnyOrder(
                "/payload/meetingId",
                "/payload/endedAt",
                "/payload/estimatedBudget",
                "/payload/currency",
                "/payload/organizer/email",
                "/payload/participants/1/name",
                "/payload/participants/1/internal",
                "/payload/actionItems/1/actionItemId",
                "/payload/actionItems/2/actionItemId",
                "/payload/actionItems/2/title",
                "/payload/competitorMentions/0/sentiment",
                "/payload/qualificationInsights/nested");
    }

    @Test
    void aMeetingEndedEventWithOverLongTextNamesEachFieldAndItsBound() {
        MeetingEnded m = Samples.meetingEnded();
        MeetingEnded longText = new MeetingEnded(m.meetingId(), m.revision(), "t".repeat(500_000), m.startedAt(), m.endedAt(),
                new MeetingEnded.Person("Nina", "n".repeat(250) + "@nia.example"), m.participants(), m.leadId(),
                "s".repeat(100_001), m.meetingType(), m.qualificationInsights(), m.estimatedBudget(), m.currency(),
                List.of(new MeetingEnded.ActionItem("ai-1", "t".repeat(1_001), "d".repeat(100_000), null, null, null, null)),
                List.of(new MeetingEnded.CompetitorMention(null, "c".repeat(251), null, MeetingEnded.Sentiment.MIXED)));

        assertThat(longText.validate()).extracting(Violation::toString).containsExactlyInAnyOrder(
                new Violation("/payload/title", "must be at most 1000 characters").toString(),
                new Violation("/payload/summary", "must be at most 100000 characters").toString(),
                new Violation("/payload/organizer/email", "must be at most 254 characters").toString(),
                new Violation("/payload/actionItems/0/title", "must be at most 1000 characters").toString(),
                new Violation("/payload/competitorMentions/0/competitor", "must be at most 250 characters").toString());
    }

    @Test
    void overflowCutsToTheSizeWithTheEllipsisInsideItAndNeverSplitsASurrogatePair() {
        assertThat(Overflow.cut("short", 10)).isEqualTo("short");
        assertThat(Overflow.cut("abcdefghij", 10)).isEqualTo("abcdefghij");
        assertThat(Overflow.cut("abcdefghijk", 10)).isEqualTo("abcdefghi\u2026").hasSize(10);
        assertThat(Overflow.cut("abcd efghijk", 6)).isEqualTo("abcd\u2026");
        // "😀" is two UTF-16 units: a cut through it keeps neither half
        assertThat(Overflow.cut("abcd\uD83D\uDE00xyz", 6)).isEqualTo("abcd\u2026");
        assertThat(Overflow.cut("abc\uD83D\uDE00xyz", 6)).isEqualTo("abc\uD83D\uDE00\u2026");
    }

    @Test
    void aMeetingEndedEventReadFromRawJsonIsValidatedAsSent() {
        String raw = "{\"meetingId\":\"m-1\",\"title\":\"Call\",\"startedAt\":\"2026-11-27T09:00:00Z\","
                + "\"endedAt\":\"2026-11-27T09:30:00Z\",\"organizer\":{\"email\":\"nina@nia.example\"},"
                + "\"participants\":[{\"name\":\"Ada\",\"email\":\"ada@acme\",\"internal\":false}]}";

        MeetingEnded read = Json.read(raw, MeetingEnded.class);

        assertThat(read.validate()).extracting(Violation::toString)
                .containsExactly("/payload/participants/0/email: is not an email");
    }

    @Test
    void aNullListElementIsReportedAtItsOwnIndex() {
        MeetingEnded m = Samples.meetingEnded();
        MeetingEnded withHole = new MeetingEnded(m.meetingId(), m.revision(), m.title(), m.startedAt(), m.endedAt(),
                m.organizer(), Arrays.asList(m.participants().get(0), null), m.leadId(), m.summary(), m.meetingType(),
                m.qualificationInsights(), m.estimatedBudget(), m.currency(), m.actionItems(),
                m.competitorMentions());

        assertThat(withHole.validate()).extracting(Violation::toString)
                .containsExactly("/payload/participants/1: must not be null");
    }

    @Test
    void violationsJoinIntoOneDeadLetterReason() {
        String reason = Violations.describe(List.of(Violation.missing("/payload/title"),
                new Violation("/payload/endedAt", "must not be before startedAt")));

        assertThat(reason).isEqualTo("/payload/title: is required; /payload/endedAt: must not be before startedAt");
    }

    @Test
    void aResyncRequestNeedsWhatItsScopeNames() {
        UUID id = UUID.randomUUID();

        assertThat(new ResyncRequest(id, ResyncScope.ALL, List.of(), List.of(), null, null, false, false, "cli")
                .validate()).isEmpty();
        assertThat(new ResyncRequest(id, ResyncScope.IDS, List.of(EntityType.LEAD, EntityType.CONTACT), List.of(),
                null, Direction.NONE, false, false, "cli").validate()).extracting(Violation::path)
                .containsExactlyInAnyOrder("/payload/ids", "/payload/entityTypes", "/payload/direction");
        assertThat(new ResyncRequest(id, ResyncScope.MODIFIED_SINCE, null, null, null, null, false, false, null)
                .validate()).extracting(Violation::path)
                .containsExactly("/payload/modifiedSince");
        assertThat(new ResyncRequest(id, ResyncScope.ENTITY_TYPE, null, null, null, null, false, false, "cli")
                .validate()).extracting(Violation::path).containsExactly("/payload/entityTypes");
    }

    @Test
    void theDefaultConfigurationIsValid() {
        assertThat(DefaultConfiguration.create().validate()).isEmpty();
        assertThat(Samples.configRecord().configuration().validate()).isEmpty();
    }

    @Test
    void aConfigurationBeyondCreatioLimitsOrWithABrokenValueMapIsRejectedWithTheReason() {
        CreatioConfiguration d = DefaultConfiguration.create();
        EntityMapping broken = new EntityMapping(EntityType.LEAD, "Lead", List.of(
                FieldMapping.of("email", "Email"),
                FieldMapping.of("email2", "Email"),
                new FieldMapping("status", null, "QualifyStatusId", Direction.BOTH, null,
                        Map.of("new", "same-guid", "open", "same-guid"), null)),
                null, null, null, DeleteMode.DEACTIVATE, null, null, List.of(), List.of(), 0, 0);
        CreatioConfiguration config = new CreatioConfiguration(d.odataRoot(), List.of(broken, broken), d.flags(),
                new CreatioConfiguration.BatchSizes(50_000, 101, 10), d.defaultMaxRetries(), d.deleteSafety(),
                d.meetings());

        assertThat(config.validate()).extracting(Violation::path).contains(
                "/configuration/batch_sizes/pull_page_size",
                "/configuration/batch_sizes/write_batch_size",
                "/configuration/entities/1/entity_type",
                "/configuration/entities/0/deactivate_column",
                "/configuration/entities/0/fields/1/creatio_column",
                "/configuration/entities/0/fields/2/value_map");
    }

    @Test
    void inboundStageCodesMustComeBackAsStatusesOfTheValueMapAndNotRepeatItsCodes() {
        CreatioConfiguration d = DefaultConfiguration.create();
        EntityMapping lead = new EntityMapping(EntityType.LEAD, "Lead", List.of(
                new FieldMapping("status", null, "QualifyStatusId", Direction.BOTH, null, Map.of("new", "guid-a"), null,
                        Map.of("guid-b", "no_such_status"), "QualifyStatus", null),
                new FieldMapping("other", null, "OtherId", Direction.BOTH, null, Map.of("new", "guid-c"), null,
                        Map.of("guid-c", "new"), null, null)),
                null, null, null, DeleteMode.IGNORE, null, null, List.of(), List.of(), 0, 0);
        CreatioConfiguration config = new CreatioConfiguration(d.odataRoot(), List.of(lead), d.flags(), d.batchSizes(),
                d.defaultMaxRetries(), d.deleteSafety(), d.meetings());

        assertThat(config.validate()).extracting(Violation::path).containsExactlyInAnyOrder(
                "/configuration/entities/0/fields/0/inbound_values",
                "/configuration/entities/0/fields/1/inbound_values");
    }

    @Test
    void aCommandPlannedWithANewerConfigurationWaitsAndNeverRunsOnAnOlderOne() {
        ConfigRecord loaded = new ConfigRecord(12L, Instant.now(), "admin", DefaultConfiguration.create());

        assertThat(loaded.canRun(11L)).isTrue();
        assertThat(loaded.canRun(12L)).isTrue();
        assertThat(loaded.canRun(13L)).isFalse();
    }

    @Test
    void anEnvelopeWithAnUnknownTypeOrAnUnreadableVersionIsInvalid() {
        Envelope<MeetingEnded> good = Envelope.create(EventTypes.MEETING_ENDED, "m-1", Samples.meetingEnded());
        Envelope<MeetingEnded> future = new Envelope<>(good.eventId(), good.type(), 99, good.aggregateId(),
                good.correlationId(), null, null, good.occurredAt(), good.payload());
        Envelope<MeetingEnded> stranger = new Envelope<>(null, "nia.meeting.started", 1, "", null, null, null, null,
                null);

        assertThat(good.validate()).isEmpty();
        assertThat(future.validate()).extracting(Violation::path).containsExactly("/schemaVersion");
        assertThat(stranger.validate()).extracting(Violation::path).containsExactlyInAnyOrder(
                "/eventId", "/type", "/aggregateId", "/occurredAt", "/payload");
    }

    @Test
    void wholeCommandsHaveNoViolationsAndACommandWithoutItsRecordOrOperationNamesWhatIsMissing() {
        assertThat(Samples.syncCommand().validate()).isEmpty();
        assertThat(Samples.probeCommand().validate()).isEmpty();
        assertThat(Samples.resolveCommand().validate()).isEmpty();

        SyncCommand c = Samples.syncCommand();
        SyncCommand hollow = new SyncCommand(null, null, null, null, c.niaSnapshot(), c.niaUpdatedAt(), c.niaVersion(),
                c.base(), c.creatioSnapshot(), c.allocatedCreatioId(), c.configVersion(), false, 1, c.runId(), null,
                c.niaFields(), c.maxRetries(), null, null, null);
        assertThat(hollow.validate()).extracting(Violation::path).containsExactlyInAnyOrder(
                "/payload/commandId", "/payload/entity", "/payload/lane", "/payload/operation");

        ResolveCommand r = Samples.resolveCommand();
        ResolveCommand undecided = new ResolveCommand(r.commandId(), null, r.entity(), r.conflictType(), null, r.field(),
                r.chosenValue(), null, null, r.decidedBy(), r.configVersion(), 1);
        assertThat(undecided.validate()).extracting(Violation::path).containsExactlyInAnyOrder(
                "/payload/conflictId", "/payload/strategy");
    }

    @Test
    void aCommandReadFromJsonWithoutItsEntityIsNotWhole() {
        String json = Json.write(Samples.syncCommandEnvelope()).replaceFirst("\\\"entity\\\":\\{[^}]*\\},?", "");
        Envelope<Command> envelope = Json.readEnvelope(json, Command.class);
        assertThat(envelope.validate()).isEmpty();
        assertThat(envelope.payload().validate()).extracting(Violation::path).containsExactly("/payload/entity");
    }

    @Test
    void aResultWithoutItsRecordNamesWhatIsMissingAndTheJsonNullIsNoEnvelope() {
        assertThat(Samples.syncResult().validate()).isEmpty();
        String json = Json.write(Envelope.create(EventTypes.SYNC_RESULT, "lead:x", Samples.syncResult()))
                .replaceFirst("\"entity\":\\{[^}]*\\},?", "");
        Envelope<com.nia.crmsync.model.result.SyncResult> envelope = Json.readEnvelope(json, com.nia.crmsync.model.result.SyncResult.class);
        assertThat(envelope.payload().validate()).extracting(Violation::path).containsExactly("/payload/entity");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.readEnvelope("null", com.nia.crmsync.model.result.SyncResult.class))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("not an envelope");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Json.readEnvelopeTree("null".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isInstanceOf(java.io.UncheckedIOException.class);
    }
}
