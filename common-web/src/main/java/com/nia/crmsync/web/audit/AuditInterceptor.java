package com.nia.crmsync.web.audit;

import java.time.Instant;
import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.core.Response;

import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one audit mechanism: around every {@link Audited} method it records who called (the token's
 * principal and roles), the action, the target, the state before and after (by default the
 * response entity), when, the correlation id and the outcome. A call that was allowed but failed
 * is recorded too, with the error's class name as outcome (refused calls never reach it: the
 * security layer answers 401/403 before).
 */
@Audited("")
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class AuditInterceptor {

    private final SecurityIdentity identity;
    private final AuditTrail trail;
    private final AuditSink sink;
    private final ObjectMapper mapper;

    public AuditInterceptor(SecurityIdentity identity, AuditTrail trail, AuditSink sink, ObjectMapper mapper) {
        this.identity = identity;
        this.trail = trail;
        this.sink = sink;
        this.mapper = mapper;
    }

    @AroundInvoke
    Object audit(InvocationContext ctx) throws Exception {
        Audited audited = ctx.getMethod().getAnnotation(Audited.class);
        if (audited == null) {
            audited = ctx.getMethod().getDeclaringClass().getAnnotation(Audited.class);
        }
        String action = audited == null ? ctx.getMethod().getName() : audited.value();
        if (ctx.getTarget() instanceof AuditedKind kind) {
            action = action.replace(AuditedKind.KIND, kind.auditKind());
        }
        Object result;
        try {
            result = ctx.proceed();
        } catch (Exception e) {
            record(action, null, e.getClass().getSimpleName());
            throw e;
        }
        Object after = trail.afterSet() ? trail.after() : (result instanceof Response r ? r.getEntity() : result);
        record(action, after, "ok");
        return result;
    }

    private void record(String action, Object after, String outcome) {
        String actor = identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
        Set<String> roles = identity.isAnonymous() ? Set.of() : identity.getRoles();
        sink.write(new AuditEntry(Instant.now(), actor, roles, action, trail.target(), json(trail.before()), json(after),
                trail.correlationId(), outcome));
        Log.debugf("Audited %s by %s: %s (correlation %s)", action, actor, outcome, trail.correlationId());
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return "{\"unserializable\":\"" + value.getClass().getSimpleName() + "\"}";
        }
    }
}
