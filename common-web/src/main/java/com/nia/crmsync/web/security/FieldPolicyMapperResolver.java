package com.nia.crmsync.web.security;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Gives every JSON response of the service an {@link ObjectMapper} that applies the
 * {@link FieldPolicy} for the caller of the request. Server side only: outbound REST clients and
 * Kafka payloads keep every field, since the receiving service applies its own policy.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class FieldPolicyMapperResolver implements ContextResolver<ObjectMapper> {

    private final ObjectMapper mapper;

    public FieldPolicyMapperResolver(ObjectMapper base) {
        this.mapper = base.copy().registerModule(FieldPolicy.module(CallerRoles::current));
    }

    @Override
    public ObjectMapper getContext(Class<?> type) {
        return mapper;
    }
}
