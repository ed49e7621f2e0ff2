package com.nia.crmsync.web.logging;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;

import com.nia.crmsync.model.event.LogFields;
import com.nia.crmsync.web.audit.AuditTrail;

/**
 * Puts the MDC fields of every log line written while a request is handled ({@link LogFields}):
 * the trace id of the request's span, its correlation id (the caller's {@code X-Correlation-Id} or
 * a generated one), and, when the path names them, the entity ({@code {entityType}/{localId}}) and
 * the run ({@code /runs/{id}}, {@code {runId}}); service code adds the run and entity it learns
 * (the same {@code MDC} keys). They are removed when the response leaves, since request threads are pooled.
 */
public class RequestLogContext {

    private final AuditTrail trail;

    public RequestLogContext(AuditTrail trail) {
        this.trail = trail;
    }

    @ServerRequestFilter
    public void open(ContainerRequestContext request) {
        SpanContext span = Span.current().getSpanContext();
        put(LogFields.TRACE_ID, span.isValid() ? span.getTraceId() : null);
        put(LogFields.CORRELATION_ID, trail.correlationId());
        MultivaluedMap<String, String> params = request.getUriInfo().getPathParameters();
        String localId = params.getFirst("localId");
        put(LogFields.ENTITY_KEY, localId == null ? null : params.getFirst("entityType") + ":" + localId);
        String runId = params.getFirst("runId");
        if (runId == null && request.getUriInfo().getPath().contains("/runs/")) {
            runId = params.getFirst("id");
        }
        put(LogFields.RUN_ID, runId);
    }

    @ServerResponseFilter
    public void close() {
        MDC.remove(LogFields.TRACE_ID);
        MDC.remove(LogFields.CORRELATION_ID);
        MDC.remove(LogFields.ENTITY_KEY);
        MDC.remove(LogFields.RUN_ID);
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
