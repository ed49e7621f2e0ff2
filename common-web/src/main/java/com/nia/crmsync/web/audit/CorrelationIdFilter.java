package com.nia.crmsync.web.audit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Carries the caller's {@code X-Correlation-Id} (or a generated one) into the audit trail and
 * back in the response, so an audit entry, the logs and the caller's record can be joined.
 */
public class CorrelationIdFilter {

    /** The header that carries the correlation id in and out. */
    public static final String HEADER = "X-Correlation-Id";

    private final AuditTrail trail;

    public CorrelationIdFilter(AuditTrail trail) {
        this.trail = trail;
    }

    @ServerRequestFilter(preMatching = true)
    public void read(ContainerRequestContext request) {
        String id = request.getHeaderString(HEADER);
        // only a sane id is reused; anything else is replaced, so headers cannot inject into logs
        if (id != null && id.matches("[A-Za-z0-9._:-]{1,100}")) {
            trail.correlationId(id);
        }
    }

    @ServerResponseFilter
    public void write(ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, trail.correlationId());
    }
}
