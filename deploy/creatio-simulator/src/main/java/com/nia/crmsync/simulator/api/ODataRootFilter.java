package com.nia.crmsync.simulator.api;

import java.net.URI;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import com.nia.crmsync.simulator.config.SimulatorConfig;

/**
 * Serves OData at the configured root: {@code /0/odata} on .NET Framework builds of Creatio,
 * {@code /odata} on .NET builds (creatio-api.md §2.1). Requests at the configured root are mapped
 * onto {@link ODataResource}'s {@code /0/odata}; the other root then answers 404, as a Creatio of
 * the other build would.
 */
public class ODataRootFilter {

    /** The path {@link ODataResource} is bound to. */
    public static final String CANONICAL_ROOT = "/0/odata";

    private final String root;

    public ODataRootFilter(SimulatorConfig config) {
        String configured = config.odata().root();
        this.root = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    @ServerRequestFilter(preMatching = true)
    public Response mapRoot(ContainerRequestContext context) {
        if (root.equals(CANONICAL_ROOT)) {
            return null;
        }
        URI uri = context.getUriInfo().getRequestUri();
        String path = uri.getRawPath();
        if (under(path, root)) {
            String rewritten = CANONICAL_ROOT + path.substring(root.length());
            context.setRequestUri(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + rewritten
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
            return null;
        }
        if (under(path, CANONICAL_ROOT)) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        return null;
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
