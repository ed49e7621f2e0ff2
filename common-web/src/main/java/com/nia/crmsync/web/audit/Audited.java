package com.nia.crmsync.web.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * Marks a state-changing call: {@link AuditInterceptor} writes one {@code audit_entry} row per
 * call (who, what, before → after, when, correlation id, outcome). Put it on every resource
 * method that changes state; the method may describe the change through {@link AuditTrail}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Audited {

    /** What was done, e.g. {@code pipeline-check.start}; stable, since reports group by it. */
    @Nonbinding
    String value();
}
