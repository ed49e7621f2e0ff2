package com.nia.crmsync.web.audit;

/**
 * A bean whose audited methods serve several kinds of thing (one generic resource for leads and
 * contacts): its {@link Audited} actions may hold {@link #KIND}, which {@link AuditInterceptor}
 * replaces by the called bean's {@link #auditKind()}, so {@code @Audited(KIND + ".create")} is
 * recorded as {@code lead.create}.
 */
public interface AuditedKind {

    /** The placeholder for the kind in an {@link Audited} action. */
    String KIND = "{kind}";

    /** The kind of thing this bean changes, e.g. {@code lead}. */
    String auditKind();
}
