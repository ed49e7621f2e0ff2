package com.nia.crmsync.syncapi.results;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.nia.crmsync.model.entity.LookupValue;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.CallSummary;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;

/**
 * Writes one sync-log line per applied result: what was done, how long the Creatio calls took, the
 * changed field names and sides (never values, except a lookup column's {@code from} and {@code to}: each id with
 * its display name, {@code {"id", "name"}}, as the worker named it), the worker's notes (e.g. a value truncated to
 * fit its Creatio column) and the failure, redacted by {@link SyncLogRedactor}.
 */
@ApplicationScoped
public class SyncLogWriter {

    private final SyncLogRepository log;

    public SyncLogWriter(SyncLogRepository log) {
        this.log = log;
    }

    /**
     * Logs {@code envelope}'s result for {@code user}; {@code knownValues} are the record's values,
     * masked wherever a failure message quotes them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public SyncLogEntry write(Envelope<SyncResult> envelope, String user, Collection<?> knownValues) {
        SyncResult r = envelope.payload();
        SyncLogEntry e = new SyncLogEntry();
        e.occurredAt = r.completedAt() != null ? r.completedAt() : Instant.now();
        e.operation = r.action() != null && r.failure() == null ? r.action().wire() : r.outcome().wire();
        e.level = level(r.outcome());
        e.entityType = r.entity().entityType().wire();
        e.localId = r.entity().localId();
        e.correlationId = envelope.correlationId() == null ? null : envelope.correlationId().toString();
        e.userName = user;
        e.durationMs = r.calls() == null ? 0L : r.calls().stream().mapToLong(CallSummary::durationMillis).sum();
        e.runId = r.runId();
        e.commandId = r.commandId();
        e.outcome = r.outcome().wire();
        e.summary = summary(r, knownValues);
        log.persist(e);
        return e;
    }

    static String level(Outcome outcome) {
        switch (outcome) {
            case FAILED:
                return "error";
            case CONFLICT:
            case RETRYABLE_FAILURE:
                return "warning";
            default:
                return "info";
        }
    }

    static Map<String, Object> summary(SyncResult r, Collection<?> knownValues) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("operation", r.operation() == null ? null : r.operation().wire());
        s.put("attempt", r.attempt());
        s.put("lane", r.lane() == null ? null : r.lane().wire());
        s.put("nia_version", r.niaVersion());
        s.put("config_version", r.configVersion());
        if (r.dryRun()) {
            s.put("dry_run", true);
        }
        List<Map<String, Object>> calls = new ArrayList<>();
        for (CallSummary c : r.calls() == null ? List.<CallSummary>of() : r.calls()) {
            Map<String, Object> call = new LinkedHashMap<>();
            // the worker's summaries name a method and an entity set; redacted all the same
            call.put("operation", SyncLogRedactor.redact(c.operation(), knownValues));
            call.put("status", c.status());
            call.put("duration_ms", c.durationMillis());
            if (c.batchSize() != null) {
                call.put("batch_size", c.batchSize());
            }
            calls.add(call);
        }
        s.put("calls", calls);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (FieldChange c : r.changes() == null ? List.<FieldChange>of() : r.changes()) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("field", c.field());
            change.put("target", c.target() == null ? null : c.target().name().toLowerCase(Locale.ROOT));
            if (isLookup(c, r.valueNames())) {
                change.put("from", lookup(c.from(), r.valueNames()));
                change.put("to", lookup(c.to(), r.valueNames()));
            }
            changes.add(change);
        }
        s.put("changes", changes);
        if (r.openFields() != null && !r.openFields().isEmpty()) {
            s.put("open_fields", r.openFields());
        }
        if (r.closedFields() != null && !r.closedFields().isEmpty()) {
            s.put("closed_fields", r.closedFields());
        }
        if (r.pulledValues() != null && !r.pulledValues().isEmpty()) {
            s.put("pulled_fields", new ArrayList<>(r.pulledValues().keySet()));
        }
        if (r.notes() != null && !r.notes().isEmpty()) {
            // the worker's remarks (e.g. a value truncated to fit its column) name columns and lengths, never values
            s.put("notes", r.notes());
        }
        if (r.failure() != null) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("category", r.failure().category() == null ? null : r.failure().category().wire());
            f.put("http_status", r.failure().httpStatus());
            f.put("message", SyncLogRedactor.redact(r.failure().message(), knownValues));
            f.put("exception_class", r.failure().exceptionClass());
            s.put("failure", f);
        }
        return s;
    }

    /** A change of a lookup column: the worker named at least one of its ids. */
    private static boolean isLookup(FieldChange c, Map<String, String> names) {
        return names != null && (names.containsKey(idOf(c.from())) || names.containsKey(idOf(c.to())));
    }

    private static String idOf(Object value) {
        return value == null ? null : value.toString().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> lookup(Object value, Map<String, String> names) {
        LookupValue v = LookupValue.of(value, names);
        if (v == null) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", v.id());
        out.put("name", v.name());
        return out;
    }
}
