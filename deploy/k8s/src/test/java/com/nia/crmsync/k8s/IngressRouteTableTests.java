package com.nia.crmsync.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.nia.crmsync.router.RouteTable;

/**
 * The Ingress of every overlay carries the front router's route table ({@link RouteTable}, documented
 * in docs/routing.md), both ways: each row is a Prefix path to the row's service, each path is a row,
 * and for paths at and around every prefix the Ingress (longest Prefix match by whole path segments,
 * as Kubernetes defines it) picks the service the router picks.
 */
class IngressRouteTableTests {

    /** One Ingress path: its prefix and the Service it sends to. */
    record IngressPath(String path, String pathType, String service) {
    }

    static List<Manifests.Render> overlays() {
        return Manifests.overlays();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void everyRouteTableRowIsAnIngressPathAndEveryPathARow(Manifests.Render render) {
        List<IngressPath> expected = RouteTable.ROUTES.stream()
                .map(r -> new IngressPath(r.prefix(), "Prefix", serviceOf(r.upstream())))
                .toList();

        assertThat(ingressPaths(render)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overlays")
    void theIngressSendsEachPathWhereTheRouterSendsIt(Manifests.Render render) {
        List<IngressPath> paths = ingressPaths(render);
        List<String> probes = new ArrayList<>();
        for (RouteTable.Route route : RouteTable.ROUTES) {
            String bare = route.prefix().endsWith("/") ? route.prefix().substring(0, route.prefix().length() - 1) : route.prefix();
            Stream.of(bare + "/", bare + "/x", bare + "/x/y", bare + "X", bare + "X/y").forEach(probes::add);
            if (!route.prefix().endsWith("/")) {
                probes.add(bare);
            }
        }
        probes.addAll(List.of("/api/v1/leads", "/api/v1/crm/sync/sync_all/", "/api/v2/leads", "/q/health", "/"));

        for (String probe : probes) {
            Optional<String> router = RouteTable.route(probe).map(IngressRouteTableTests::serviceOf);
            assertThat(ingressRoute(paths, probe)).as("service for %s", probe).isEqualTo(router);
        }
    }

    private static List<IngressPath> ingressPaths(Manifests.Render render) {
        List<JsonNode> ingresses = render.ofKind("Ingress").map(JsonNode.class::cast).toList();
        assertThat(ingresses).as("Ingresses of %s", render).hasSize(1);
        List<IngressPath> paths = new ArrayList<>();
        for (JsonNode rule : ingresses.get(0).path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                JsonNode service = path.path("backend").path("service");
                assertThat(service.path("port").path("name").asText()).isEqualTo("http");
                paths.add(new IngressPath(path.path("path").asText(), path.path("pathType").asText(), service.path("name").asText()));
            }
        }
        return paths;
    }

    /**
     * Kubernetes' Prefix match: the request path's segments start with the prefix's segments (a
     * trailing slash of either ignored); the longest matching prefix wins.
     */
    private static Optional<String> ingressRoute(List<IngressPath> paths, String request) {
        return paths.stream()
                .filter(p -> segmentPrefix(p.path(), request))
                .max(Comparator.comparingInt(p -> segments(p.path()).size()))
                .map(IngressPath::service);
    }

    private static boolean segmentPrefix(String prefix, String request) {
        List<String> want = segments(prefix);
        List<String> have = segments(request);
        return have.size() >= want.size() && have.subList(0, want.size()).equals(want);
    }

    private static List<String> segments(String path) {
        return Stream.of(path.split("/")).filter(s -> !s.isEmpty()).toList();
    }

    /** The Service of an upstream: its name in kebab case (SYNC_API → sync-api). */
    private static String serviceOf(RouteTable.Upstream upstream) {
        return upstream.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
