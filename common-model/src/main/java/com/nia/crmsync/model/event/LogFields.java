package com.nia.crmsync.model.event;

/**
 * The MDC fields every service logs inside a request or a message, so that the lines of one sync
 * can be found across services (JSON logs carry them under {@code mdc}; docs/observability.md).
 */
public final class LogFields {

    /** The W3C trace id of the current span (the same in every service a sync crosses). */
    public static final String TRACE_ID = "traceId";
    /** The envelope's correlation id, or the HTTP request's {@code X-Correlation-Id}. */
    public static final String CORRELATION_ID = "correlationId";
    /** The entity key (the Kafka key: {@code lead:…}), the meeting id or the request id being handled. */
    public static final String ENTITY_KEY = "entityKey";
    /** The run (sync_all, sync-lead, resync request, meeting) the work belongs to. */
    public static final String RUN_ID = "runId";

    private LogFields() {
    }
}
