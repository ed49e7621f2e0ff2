package com.nia.crmsync.messaging;

import java.util.UUID;

import org.jboss.logging.MDC;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.LogFields;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.result.SyncResult;

/**
 * What a consumer sets while it handles one message: the message's trace context made current
 * (so the gateway call, the outbox rows and the messages it causes join its trace) and the MDC
 * fields of every log line ({@link LogFields}: trace id, correlation id, entity key, run id).
 * Closing it restores the thread as it was: consumer threads are pooled.
 */
public final class LogContext implements AutoCloseable {

    private final Scope scope;

    private LogContext(Scope scope) {
        this.scope = scope;
    }

    /** Makes {@code trace} current and puts the envelope's fields into the MDC until {@link #close()}. */
    public static LogContext open(Context trace, Envelope<?> envelope) {
        Scope scope = trace.makeCurrent();
        put(LogFields.TRACE_ID, TraceContext.currentTraceId());
        put(LogFields.CORRELATION_ID, envelope.correlationId());
        put(LogFields.ENTITY_KEY, envelope.aggregateId());
        put(LogFields.RUN_ID, runIdOf(envelope.payload()));
        return new LogContext(scope);
    }

    /** The run a payload belongs to, when it names one. */
    static UUID runIdOf(Object payload) {
        if (payload instanceof SyncCommand command) {
            return command.runId();
        }
        if (payload instanceof SyncResult result) {
            return result.runId();
        }
        if (payload instanceof Mismatch mismatch) {
            return mismatch.runId();
        }
        return null;
    }

    private static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value.toString());
        }
    }

    @Override
    public void close() {
        MDC.remove(LogFields.TRACE_ID);
        MDC.remove(LogFields.CORRELATION_ID);
        MDC.remove(LogFields.ENTITY_KEY);
        MDC.remove(LogFields.RUN_ID);
        scope.close();
    }
}
