package com.nia.crmsync.web.audit;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

/**
 * What the current request's audit entry says beyond who and when: the correlation id (from the
 * {@code X-Correlation-Id} header or generated), the target and the state before and after.
 * A resource or service method fills what it knows; by default "after" is the response entity.
 */
@RequestScoped
public class AuditTrail {

    private String correlationId;
    private String target;
    private Object before;
    private Object after;
    private boolean afterSet;

    public String correlationId() {
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        }
        return correlationId;
    }

    void correlationId(String id) {
        this.correlationId = id;
    }

    /** The changed thing, e.g. a run id or a conflict id. */
    public AuditTrail target(String target) {
        this.target = target;
        return this;
    }

    /** The state before the change (null for a creation). */
    public AuditTrail before(Object before) {
        this.before = before;
        return this;
    }

    /** The state after the change; overrides the default (the response entity). */
    public AuditTrail after(Object after) {
        this.after = after;
        this.afterSet = true;
        return this;
    }

    String target() {
        return target;
    }

    Object before() {
        return before;
    }

    Object after() {
        return after;
    }

    boolean afterSet() {
        return afterSet;
    }
}
