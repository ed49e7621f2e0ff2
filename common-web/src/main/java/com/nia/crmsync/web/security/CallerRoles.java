package com.nia.crmsync.web.security;

import java.util.Set;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * The roles of the caller of the request being answered, for code that runs outside injection
 * (a Jackson serializer). Outside a request, or for an anonymous caller, the answer is no role,
 * so a sensitive field is hidden rather than shown by mistake.
 */
public final class CallerRoles {

    private CallerRoles() {
    }

    public static Set<String> current() {
        ArcContainer container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return Set.of();
        }
        SecurityIdentity identity = container.instance(SecurityIdentity.class).get();
        return identity == null || identity.isAnonymous() ? Set.of() : identity.getRoles();
    }
}
