package com.nia.crmsync.web.audit;

import java.time.Instant;
import java.util.Set;

/**
 * One row of a service's {@code audit_entry} table: who did what to which target, the state before
 * and after (JSON), when, under which correlation id, and how it ended ({@code ok} or the error's
 * class name — never its message, which may carry data).
 */
public record AuditEntry(Instant occurredAt, String actor, Set<String> actorRoles, String action, String target,
        String beforeJson, String afterJson, String correlationId, String outcome) {
}
