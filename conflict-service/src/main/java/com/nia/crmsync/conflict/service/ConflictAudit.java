package com.nia.crmsync.conflict.service;

import java.time.Instant;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.web.audit.AuditEntry;
import com.nia.crmsync.web.audit.AuditSink;

/**
 * Audit entries that no single request describes: what the system did to a conflict (a policy's
 * automatic decision, a result that confirmed, failed or superseded a decision) and each conflict
 * of a bulk decision. They go to the same {@code audit_entry} table as the interceptor's, with the
 * target {@code sync-conflict/<id>}, so a conflict's trail reads as one story.
 */
@ApplicationScoped
public class ConflictAudit {

    /** The actor of entries the system wrote (a policy, a worker's result). */
    public static final String SYSTEM = "conflict-service";

    private final AuditSink sink;

    public ConflictAudit(AuditSink sink) {
        this.sink = sink;
    }

    /** The target of a conflict's entries. */
    public static String target(SyncConflict c) {
        return "sync-conflict/" + c.id;
    }

    /** Records {@code action} on {@code c} by {@code actor}, in the caller's transaction. */
    public void write(String action, String actor, Set<String> roles, ConflictSnapshot before, SyncConflict after,
            String correlationId) {
        sink.write(new AuditEntry(Instant.now(), actor, roles, action, target(after),
                before == null ? null : Json.write(before), Json.write(ConflictSnapshot.of(after)), correlationId, "ok"));
    }
}
