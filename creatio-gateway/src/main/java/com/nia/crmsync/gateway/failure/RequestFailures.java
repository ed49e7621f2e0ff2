package com.nia.crmsync.gateway.failure;

import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.arc.Arc;

/**
 * The last Creatio failure met while serving the current request. A retry that ends on an open
 * circuit breaker throws the breaker's refusal, not the failure that opened it: a half-open
 * breaker's probe fails, the breaker opens again, and the retry meets it. Answering that with
 * {@code CREATIO_CIRCUIT_OPEN} would tell the worker that no call was made — an attempt not
 * counted — so a record that Creatio always refuses would be the probe again and again, never
 * spend its attempts and never fail. The problem mapper answers with the real failure instead.
 */
@RequestScoped
public class RequestFailures {

    private CreatioException last;

    /** Remembers {@code failure} when a request is being served; outside a request (a scheduled job) does nothing. */
    public static void remember(CreatioException failure) {
        if (Arc.container() != null && Arc.container().requestContext().isActive()) {
            // through the client proxy: a method call reaches this request's instance, a field write would not
            Arc.container().instance(RequestFailures.class).get().met(failure);
        }
    }

    /** Records {@code failure} as this request's last. */
    public void met(CreatioException failure) {
        last = failure;
    }

    /** The last Creatio failure of this request, if one happened. */
    public Optional<CreatioException> last() {
        return Optional.ofNullable(last);
    }
}
