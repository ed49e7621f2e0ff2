package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.meeting.MeetingEnded.Participant;
import com.nia.crmsync.model.meeting.MeetingEnded.Person;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 17's traces over the whole system (docs/observability.md): every service of the shared
 * stack exports its spans to the test's {@link OtlpReceiver}. A {@code sync-lead} call and a
 * meeting-ended event each start a trace of a known id (the caller's, or the producer's,
 * {@code traceparent}); sync-api, the worker and the gateway each export spans of that trace,
 * and sync-api's come from both ends: the trigger, and the result it applies back. Also: an
 * environment variable turns on debug logging for one package.
 */
class TracingSystemTests extends SyncSystemTest {

    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final Set<String> ALONG_THE_SYNC = Set.of("sync-api", "sync-worker", "creatio-gateway");

    private static Map<String, Object> savedMeetings;

    private final OtlpReceiver receiver = OtlpReceiver.get();

    @BeforeAll
    static void aDefaultOwner() {
        new SyncPath(SystemStack.get()).changeConfiguration(c -> {
            Map<String, Object> meetings = MeetingSystemTests.meetings(c);
            savedMeetings = new LinkedHashMap<>(meetings);
            meetings.put("default_owner_contact_id", MeetingSystemTests.DEFAULT_OWNER.toString());
        });
    }

    @AfterAll
    static void configurationBack() {
        if (savedMeetings != null) {
            new SyncPath(SystemStack.get()).changeConfiguration(c -> c.put("meetings", savedMeetings));
        }
    }

    @Test
    void aSyncLeadCallIsOneTraceThroughSyncApiTheWorkerAndTheGateway() {
        UUID lead = syncedLead("trace-lead");
        String traceId = newTraceId();

        given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).header("traceparent", traceparent(traceId))
                .contentType(ContentType.JSON).body(Map.of("lead_id", lead.toString(), "direction", "from_creatio"))
                .when().post("/api/v1/crm/sync/sync-lead/").then().statusCode(202);

        assertOneTraceAlongTheSync(traceId);
    }

    @Test
    void aMeetingEndedEventIsOneTraceThroughSyncApiTheWorkerAndTheGateway() {
        UUID lead = syncedLead("trace-meeting");
        String traceId = newTraceId();
        MeetingEnded meeting = meeting("meeting-trace-" + marker, lead);
        // as an instrumented NIA producer publishes it: the trace context in the Kafka header and in the envelope
        Envelope<MeetingEnded> envelope = Envelope.create(EventTypes.MEETING_ENDED, meeting.meetingId(), meeting)
                .withTraceparent(traceparent(traceId));
        kafka.send(Topics.MEETINGS_ENDED, meeting.meetingId(), Json.write(envelope), Map.of("traceparent", traceparent(traceId)));

        assertOneTraceAlongTheSync(traceId);
    }

    @Test
    void anEnvironmentVariableTurnsOnDebugLoggingForOnePackage() {
        // the shared stack runs sync-api with QUARKUS_LOG_CATEGORY__COM_NIA_CRMSYNC_SYNCAPI_MEETING__LEVEL=DEBUG
        MeetingEnded meeting = meeting("meeting-debug-" + marker, syncedLead("debug-meeting"));
        Envelope<MeetingEnded> envelope = Envelope.create(EventTypes.MEETING_ENDED, meeting.meetingId(), meeting);
        kafka.send(Topics.MEETINGS_ENDED, meeting.meetingId(), Json.write(envelope));
        kafka.send(Topics.MEETINGS_ENDED, meeting.meetingId(), Json.write(envelope));

        // the redelivery's line is DEBUG (com.nia.crmsync.syncapi.meeting), below the INFO every other package logs at
        Path log = sync.stack.logs().get("sync-api");
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).until(() -> Files.readAllLines(log, StandardCharsets.ISO_8859_1).stream()
                .anyMatch(l -> l.contains("DEBUG") && l.contains("Meeting-ended event " + envelope.eventId() + " already applied")));
    }

    private void assertOneTraceAlongTheSync(String traceId) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<OtlpReceiver.ReceivedSpan> spans = receiver.trace(traceId);
            assertThat(spans.stream().map(OtlpReceiver.ReceivedSpan::service).collect(Collectors.toSet()))
                    .as("services exporting spans of trace %s: %s", traceId, spans).containsAll(ALONG_THE_SYNC);
            // the result comes back to sync-api in the same trace
            assertThat(spans).as("sync-api's spans of trace %s", traceId)
                    .anySatisfy(s -> {
                        assertThat(s.service()).isEqualTo("sync-api");
                        assertThat(s.name()).contains(Topics.RESULTS);
                    });
        });
    }

    /** A meeting with the lead, organized (and attended) by one NIA person. */
    private MeetingEnded meeting(String id, UUID lead) {
        String organizer = "olga.organizer." + marker + "@nia.example";
        Instant ended = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        return new MeetingEnded(id, 1L, "Traced demo " + marker, ended.minus(30, ChronoUnit.MINUTES), ended,
                new Person("Olga Organizer", organizer),
                List.of(new Participant("Olga Organizer", organizer, "NIA", "Account Executive", true)), lead,
                "A traced meeting " + marker + ".", "demo", Map.of(), null, null, List.of(), List.of());
    }

    /** A lead created in NIA and synced to Creatio (its own trace), so the traced trigger reaches the gateway. */
    private UUID syncedLead(String tag) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("first_name", "Tracy");
        fields.put("last_name", "Trace" + marker);
        fields.put("email", tag + "." + marker + "@traced.example");
        fields.put("company", "Traced " + marker);
        fields.put("status", "new");
        UUID id = sync.createLead(fields);
        sync.awaitStatus(EntityType.LEAD, id, "synced", WITHIN);
        return id;
    }

    private static String newTraceId() {
        byte[] id = new byte[16];
        ThreadLocalRandom.current().nextBytes(id);
        return HexFormat.of().formatHex(id);
    }

    /** A sampled W3C trace context of {@code traceId} with a fresh parent span id. */
    private static String traceparent(String traceId) {
        byte[] span = new byte[8];
        ThreadLocalRandom.current().nextBytes(span);
        return "00-" + traceId + "-" + HexFormat.of().formatHex(span) + "-01";
    }
}
