package com.nia.crmsync.syncapi.meeting;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.StaleStateException;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Blocking;

import com.fasterxml.jackson.databind.JsonNode;

import com.nia.crmsync.messaging.DeadLetters;
import com.nia.crmsync.messaging.ShutdownState;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.meeting.MeetingEnded;
import com.nia.crmsync.model.validation.Violation;
import com.nia.crmsync.messaging.inbox.ProcessedMessages;

/**
 * Consumes meeting-ended events (topic {@code nia.meetings.ended.v1}, channel {@value #CHANNEL}, group
 * {@code sync-api}) on the real-time path: each valid event is applied by {@link MeetingService} in
 * one transaction with its processed mark, so a redelivery (the same event id) is dropped. A record
 * that is not a meeting-ended envelope, has a schema version this build cannot read, or whose
 * payload breaks the contract is dead-lettered whole with the reason, and the partition moves on. An
 * intake that lost a race (a person saved the lead meanwhile) runs again, up to {@value #ATTEMPTS} times.
 */
@ApplicationScoped
public class MeetingEndedConsumer {

    public static final String CHANNEL = "meetings-ended-in";
    static final String CONSUMER = "sync-api.meetings-ended";
    /** Attempts of an intake that lost a race with a concurrent change before it is dead-lettered. */
    static final int ATTEMPTS = 3;

    private final ProcessedMessages processed;
    private final MeetingService meetings;
    private final ShutdownState shutdown;

    public MeetingEndedConsumer(ProcessedMessages processed, MeetingService meetings, ShutdownState shutdown) {
        this.processed = processed;
        this.meetings = meetings;
        this.shutdown = shutdown;
    }

    @Incoming(CHANNEL)
    @Blocking
    public CompletionStage<Void> onMeetingEnded(Message<String> message) {
        Envelope<MeetingEnded> envelope;
        try {
            envelope = read(message.getPayload());
        } catch (RuntimeException invalid) {
            Log.warnf("Meeting-ended record dead-lettered: %s", invalid.getMessage());
            return DeadLetters.nack(message, invalid, 1);
        }
        Envelope<MeetingEnded> event = envelope;
        for (int attempt = 1; ; attempt++) {
            try {
                Intake intake = QuarkusTransaction.requiringNew().call(() -> processed.firstTime(CONSUMER, event.eventId())
                        ? meetings.apply(event.payload(), event.eventId())
                        : null);
                if (intake == null) {
                    Log.debugf("Meeting-ended event %s already applied", event.eventId());
                }
                return message.ack();
            } catch (RuntimeException e) {
                if (shutdown.shuttingDown()) {
                    Log.infof("Meeting-ended event %s left for redelivery: shutting down", event.eventId());
                    return CompletableFuture.completedFuture(null);
                }
                if (attempt < ATTEMPTS && concurrentChange(e)) {
                    // e.g. a person saved the lead at the same moment: the whole intake runs again on fresh state
                    Log.infof("Meeting-ended event %s met a concurrent change (attempt %d), applied again", event.eventId(), attempt);
                    continue;
                }
                Log.errorf("Meeting-ended event %s dead-lettered after %d attempt(s): %s", event.eventId(), attempt, e.toString());
                return DeadLetters.nack(message, e, attempt);
            }
        }
    }

    /** Whether a failed intake lost a race (optimistic version, lock, serialisation), so running it again may succeed. */
    static boolean concurrentChange(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OptimisticLockException || t instanceof PessimisticLockException || t instanceof LockTimeoutException
                    || t instanceof StaleStateException) {
                return true;
            }
            if (t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
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
