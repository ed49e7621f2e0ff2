package com.nia.crmsync.model.deadletter;

import java.util.List;

/**
 * The Kafka headers of a record on {@code crm.sync.dlq.v1}. The value and key stay the original
 * record's bytes, so a dead letter can be replayed to its origin topic as it is.
 *
 * <p>The names are SmallRye Reactive Messaging's own ({@code failure-strategy=dead-letter-queue}
 * writes them), so the framework's strategy and our own publishers produce the same headers.
 * {@link #ATTEMPT} and {@link #DEAD_LETTER_ATTEMPT} are ours: the failing consumer adds them.
 *
 * <p>A dead letter replayed by sync-api ({@code POST /api/v1/crm/dead-letters/replay}) goes back to its
 * origin topic with its original key, value and headers plus {@link #REPLAY_ATTEMPT}; a record that fails
 * again is dead-lettered with {@link #DEAD_LETTER_ATTEMPT} one above it ({@link #deadLetterAttempt}).
 */
public final class DeadLetterHeaders {

    /** Why the record was dead-lettered (the exception message, or the validation violations). */
    public static final String REASON = "dead-letter-reason";
    /** The cause's message, when the exception had a cause. */
    public static final String CAUSE = "dead-letter-cause";
    /** The topic the record was consumed from. */
    public static final String ORIGIN_TOPIC = "dead-letter-topic";
    /** The partition the record was consumed from. */
    public static final String ORIGIN_PARTITION = "dead-letter-partition";
    /** The offset the record was consumed at. */
    public static final String ORIGIN_OFFSET = "dead-letter-offset";
    /** The class of the exception that failed it. */
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    /** The class of that exception's cause. */
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    /** The attempt that failed last (commands: their {@code attempt}); decimal text. */
    public static final String ATTEMPT = "dead-letter-attempt";

    /**
     * How often this record has been dead-lettered, counting this time: 1 for a first dead letter, n + 1
     * for a record that failed again after its n-th replay; decimal text.
     */
    public static final String DEAD_LETTER_ATTEMPT = "crm-sync-dead-letter-attempt";

    /** Every header above, in the order operators read them. */
    public static final List<String> ALL = List.of(REASON, CAUSE, ORIGIN_TOPIC,
            ORIGIN_PARTITION, ORIGIN_OFFSET, EXCEPTION_CLASS, CAUSE_CLASS, ATTEMPT, DEAD_LETTER_ATTEMPT);

    /**
     * Not a dead letter's header but a replayed record's: its n-th replay carries n (decimal text). A
     * consumer that dead-letters the record again writes {@link #DEAD_LETTER_ATTEMPT} n + 1.
     */
    public static final String REPLAY_ATTEMPT = "crm-sync-replay-attempt";

    /** Reason used when an inbound event fails validation; the violations follow it. */
    public static final String REASON_INVALID_EVENT = "invalid event: ";
    /** Reason used for a schema version the consumer cannot read. */
    public static final String REASON_UNKNOWN_VERSION = "unsupported schema version: ";

    private DeadLetterHeaders() {
    }

    /**
     * The {@link #DEAD_LETTER_ATTEMPT} of a record that fails, from its {@link #REPLAY_ATTEMPT} header's
     * text (null when it was never replayed): replays + 1. Text that is not a whole number counts as none.
     */
    public static int deadLetterAttempt(String replayAttempt) {
        return replays(replayAttempt) + 1;
    }

    /** The replays a {@link #REPLAY_ATTEMPT} header's text (or null) counts; 0 when absent or unreadable. */
    public static int replays(String replayAttempt) {
        if (replayAttempt == null) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(replayAttempt.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
