package com.nia.crmsync.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.fasterxml.jackson.core.JsonParseException;

import com.nia.crmsync.model.deadletter.DeadLetterHeaders;

/** Dead letters are counted by origin topic and a short reason class, never by the reason's text. */
class DeadLetterMetricsTests {

    @Test
    void theReasonClassComesFromTheReasonOrTheFailureAndIsOneOfAFewWords() {
        assertThat(DeadLetterMetrics.reasonClass(DeadLetterHeaders.REASON_INVALID_EVENT + "[/payload/title: missing]", null))
                .isEqualTo("invalid_event");
        assertThat(DeadLetterMetrics.reasonClass(null,
                new IllegalArgumentException(DeadLetterHeaders.REASON_UNKNOWN_VERSION + "99 of nia.meeting.ended")))
                .isEqualTo("unsupported_version");
        assertThat(DeadLetterMetrics.reasonClass("retries exhausted after attempt 4 of 4: Creatio timed out", null))
                .isEqualTo("exhausted_retries");
        assertThat(DeadLetterMetrics.reasonClass(null, new IllegalStateException("db", new SocketTimeoutException("read"))))
                .isEqualTo("exhausted_retries");
        assertThat(DeadLetterMetrics.reasonClass(null, new UnsupportedOperationException("This worker version cannot carry out x commands")))
                .isEqualTo("unknown_operation");
        assertThat(DeadLetterMetrics.reasonClass(null, new UncheckedIOException("not an envelope",
                new JsonParseException(null, "Unexpected end-of-input")))).isEqualTo("invalid_event");
        assertThat(DeadLetterMetrics.reasonClass(null, new IllegalStateException("lead 42 has no owner"))).isEqualTo("rejected");
    }

    @Test
    void eachDeadLetterIsCountedByTopicAndReasonClass() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Metrics.addRegistry(registry);
        try {
            DeadLetterMetrics.record("nia.meetings.ended.v1", null, new IllegalArgumentException(DeadLetterHeaders.REASON_INVALID_EVENT + "x"));
            DeadLetterMetrics.record("nia.meetings.ended.v1", DeadLetterHeaders.REASON_INVALID_EVENT + "y", null);
            DeadLetterMetrics.record(null, "retries exhausted after attempt 2 of 2: timeout", null);

            assertThat(registry.get(DeadLetterMetrics.NAME).tag("topic", "nia.meetings.ended.v1").tag("reason", "invalid_event")
                    .counter().count()).isEqualTo(2.0);
            assertThat(registry.get(DeadLetterMetrics.NAME).tag("topic", "unknown").tag("reason", "exhausted_retries")
                    .counter().count()).isEqualTo(1.0);
        } finally {
            Metrics.removeRegistry(registry);
        }
    }
}
