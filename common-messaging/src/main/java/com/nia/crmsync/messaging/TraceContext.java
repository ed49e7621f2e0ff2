package com.nia.crmsync.messaging;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.reactive.messaging.TracingMetadata;

/**
 * The W3C trace context as the messaging side carries it: written into the outbox with the
 * transaction that queued a message, sent again by the relay, and continued by consumers, so one
 * trace follows a sync from the HTTP call or the meeting event through Kafka and the worker to
 * the gateway and back. The Kafka connector's own instrumentation moves the {@code traceparent}
 * header; the envelope's {@code traceparent} field is the fallback that survives any hop.
 */
public final class TraceContext {

    private static final String TRACEPARENT = "traceparent";
    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private TraceContext() {
    }

    /** The {@code traceparent} of the current span, or null when there is none (no trace here). */
    public static String currentTraceparent() {
        return traceparentOf(Context.current());
    }

    /** The {@code traceparent} of a context's span, or null when it has none. */
    public static String traceparentOf(Context context) {
        SpanContext span = Span.fromContext(context).getSpanContext();
        if (!span.isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, (c, k, v) -> c.put(k, v));
        return carrier.get(TRACEPARENT);
    }

    /** The context a {@code traceparent} names, as a remote parent; the root context when it is absent or malformed. */
    public static Context fromTraceparent(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
    }

    /**
     * The context a consumer continues for a record: the span the Kafka instrumentation opened for
     * it (a child of the producer's), else the envelope's {@code traceparent}, else the current one.
     */
    public static Context ofRecord(Message<?> message, String envelopeTraceparent) {
        Optional<Context> instrumented = TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .filter(c -> Span.fromContext(c).getSpanContext().isValid());
        if (instrumented.isPresent()) {
            return instrumented.get();
        }
        Context fromEnvelope = fromTraceparent(envelopeTraceparent);
        return Span.fromContext(fromEnvelope).getSpanContext().isValid() ? fromEnvelope : Context.current();
    }

    /**
     * The parent of a message sent on behalf of an envelope: the current context when it is in the
     * envelope's trace (a consumer continuing it), else the envelope's own {@code traceparent} (a
     * batch of many traces), else the current context.
     */
    public static Context forEnvelope(String envelopeTraceparent) {
        Context current = Context.current();
        Context fromEnvelope = fromTraceparent(envelopeTraceparent);
        SpanContext own = Span.fromContext(fromEnvelope).getSpanContext();
        if (!own.isValid() || own.getTraceId().equals(Span.fromContext(current).getSpanContext().getTraceId())) {
            return current;
        }
        return fromEnvelope;
    }

    /** The trace id of the current span, or null. */
    public static String currentTraceId() {
        SpanContext span = Span.current().getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
