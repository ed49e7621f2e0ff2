package com.nia.crmsync.model.deadletter;

import java.util.List;

/**
 * The Kafka headers of a record on {@code crm.sync.dlq.v1}. The value and key stay the original
 * record's bytes, so a dead letter can be replayed to its origin topic as it is.
 *
 * <p>The names are SmallRye Reactive Messaging's own ({@code failure-strategy=dead-letter-queue}
 * writes them), so the framework's strategy and our own publishers produce the same headers.
 * {@link #ATTEMPT} is ours: the failing consumer adds it when it knows the attempt.
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

    /** Every header above, in the order operators read them. */
    public static final List<String> ALL = List.of(REASON, CAUSE, ORIGIN_TOPIC,
            ORIGIN_PARTITION, ORIGIN_OFFSET, EXCEPTION_CLASS, CAUSE_CLASS, ATTEMPT);

    /** Reason used when an inbound event fails validation; the violations follow it. */
    public static final String REASON_INVALID_EVENT = "invalid event: ";
    /** Reason used for a schema version the consumer cannot read. */
    public static final String REASON_UNKNOWN_VERSION = "unsupported schema version: ";

    private DeadLetterHeaders() {
    }
}
