package com.nia.crmsync.syncapi.meeting;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.messaging.EnvelopeConsumer;
import com.nia.crmsync.messaging.FailureKind;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.messaging.inbox.ProcessedMessages;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.validation.Violation;

/**
 * Consumes meeting-ended events (topic {@code nia.meetings.ended.v1}, channel {@value #CHANNEL}, group
 * {@code sync-api}) on the real-time path: each valid event is applied by {@link MeetingService} in
 * one transaction with its processed mark, so a redelivery (the same event id) is dropped. A record
 * that is not a meeting-ended envelope, has a schema version this build cannot read, or whose
 * payload breaks the contract is dead-lettered whole with the reason, and the partition moves on. An
 * intake that failed for a passing reason (a person saved the lead meanwhile) runs again, up to
 * {@value #ATTEMPTS} times ({@link EnvelopeConsumer}, {@link FailureKind#TRANSIENT}).
 */
@ApplicationScoped
public class MeetingEndedConsumer extends EnvelopeConsumer<MeetingEnded> {

    public static final String CHANNEL = "meetings-ended-in";
    static final String CONSUMER = "sync-api.meetings-ended";
    /** Attempts of an intake that lost a race with a concurrent change before it is dead-lettered. */
    static final int ATTEMPTS = 3;

    private final ProcessedMessages processed;
    private final MeetingService meetings;

    public MeetingEndedConsumer(ProcessedMessages processed, MeetingService meetings, ShutdownState shutdown) {
        super(shutdown, "Meeting-ended event");
        this.processed = processed;
        this.meetings = meetings;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onMeetingEnded(Message<String> message) {
        return consume(message);
    }

    @Override
    protected Envelope<MeetingEnded> parse(String json) {
        return read(json);
    }

    /** Applied with its processed mark in one transaction; a redelivery finds the mark and is dropped. */
    @Override
    protected void apply(Envelope<MeetingEnded> event) {
        Intake intake = QuarkusTransaction.requiringNew().call(() -> processed.firstTime(CONSUMER, event.eventId())
                ? meetings.apply(event.payload(), event.eventId())
                : null);
        if (intake == null) {
            Log.debugf("Meeting-ended event %s already applied", event.eventId());
        }
    }

    /** e.g. a person saved the lead at the same moment: the whole intake runs again on fresh state. */
    @Override
    protected int attempts() {
        return ATTEMPTS;
    }

    /** Whether a failed intake lost a race (optimistic version, lock, serialisation), so running it again may succeed. */
    static boolean concurrentChange(Throwable e) {
        return FailureKind.concurrentChange(e);
    }

    /**
     * The envelope with its payload, validated whole; throws with the dead-letter reason. The type
     * and version are checked on the tree before the payload is bound, so a later version whose
     * shape this build does not know is reported as such.
     */
    static Envelope<MeetingEnded> read(String json) {
        Envelope<JsonNode> tree;
        try {
            tree = Json.readEnvelopeTree(json == null ? new byte[0] : json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + "not a JSON envelope ("
                    + rootMessage(e) + ")", e);
        }
        if (tree == null) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + "empty record");
        }
        if (!tree.is(EventTypes.MEETING_ENDED)) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT
                    + List.of(new Violation("/type", "expected " + EventTypes.MEETING_ENDED + ", got " + tree.type())));
        }
        if (!EventTypes.supports(EventTypes.MEETING_ENDED, tree.schemaVersion())) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_UNKNOWN_VERSION + tree.schemaVersion() + " of "
                    + EventTypes.MEETING_ENDED + " (this build reads 1 to " + EventTypes.schemaVersion(EventTypes.MEETING_ENDED) + ")");
        }
        List<Violation> violations = tree.validate();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + violations);
        }
        Envelope<MeetingEnded> envelope;
        try {
            envelope = Json.payloadAs(tree, MeetingEnded.class);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + "payload is not a meeting-ended ("
                    + rootMessage(e) + ")", e);
        }
        violations = envelope.payload().validate();
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + violations);
        }
        return envelope;
    }

    /** The innermost message (Jackson's names the field and position), on one line and short. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = String.valueOf(t.getMessage()).replaceAll("\\s+", " ");
        return m.length() > 300 ? m.substring(0, 300) + "…" : m;
    }
}
