package com.nia.crmsync.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The NetworkPolicies of every render: every pod of ours is under the default deny, each service may
 * open connections only to what it needs (Kafka, its database, the OpenID provider, the gateway it
 * calls), and only the gateway may reach any address outside the cluster (Creatio).
 */
class NetworkPolicyTests {

    /** Per service, the policies that allow its outgoing connections. */
    private static final Map<String, Set<String>> EGRESS = Map.of(
            "sync-api", Set.of("allow-dns", "kafka-clients", "database-clients", "oidc-clients", "gateway-callers"),
            "sync-worker", Set.of("allow-dns", "kafka-clients", "oidc-clients", "gateway-callers"),
            "conflict-service", Set.of("allow-dns", "kafka-clients", "database-clients", "oidc-clients"),
            "creatio-gateway", Set.of("allow-dns", "database-clients", "oidc-clients", "creatio-gateway"));

    static List<Manifests.Render> renders() {
        return Manifests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyPodOfOursIsUnderTheDefaultDeny(Manifests.Render render) {
        JsonNode deny = render.get("NetworkPolicy", "default-deny").path("spec");
        assertThat(deny.path("policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.has("ingress") || deny.has("egress")).isFalse();

        render.objects().stream().filter(o -> o.path("spec").path("template").has("metadata"))
                .filter(o -> "nia-crm-sync".equals(labels(o.path("spec").path("template")).get("app.kubernetes.io/part-of"))
                        || EGRESS.containsKey(Manifests.name(o)))
                .forEach(o -> assertThat(selects(deny.path("podSelector"), labels(o.path("spec").path("template"))))
                        .as("%s under default-deny", Manifests.id(o)).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void eachServiceMayConnectOnlyToWhatItNeeds(Manifests.Render render) {
        EGRESS.forEach((service, expected) -> {
            Map<String, String> labels = labels(render.get("Deployment", service).path("spec").path("template"));
            Set<String> allowing = new TreeSet<>();
            render.ofKind("NetworkPolicy")
                    .filter(p -> p.path("spec").has("egress") && selects(p.path("spec").path("podSelector"), labels))
                    .forEach(p -> allowing.add(Manifests.name(p)));
            assertThat(allowing).as("egress policies of %s", service).containsExactlyInAnyOrderElementsOf(expected);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void onlyTheGatewayMayReachAnyAddressOutsideTheCluster(Manifests.Render render) {
        render.ofKind("NetworkPolicy").forEach(policy -> {
            boolean anywhere = policy.path("spec").path("egress").findValues("cidr").stream()
                    .anyMatch(cidr -> cidr.asText().endsWith("/0"));
            if (anywhere) {
                JsonNode selector = policy.path("spec").path("podSelector");
                assertThat(selector.path("matchLabels")).as("%s", Manifests.id(policy))
                        .isEqualTo(Kustomize.JSON.createObjectNode().put("app.kubernetes.io/name", "creatio-gateway"));
                assertThat(selector.has("matchExpressions")).isFalse();
                assertThat(policy.path("spec").path("egress").findValues("port")).extracting(JsonNode::asInt).containsOnly(443);
            }
        });
    }

    private static Map<String, String> labels(JsonNode template) {
        Map<String, String> labels = new HashMap<>();
        template.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    /** A label selector's match: every matchLabels pair, and every matchExpressions entry (In, NotIn, Exists). */
    private static boolean selects(JsonNode selector, Map<String, String> labels) {
        boolean match = selector.path("matchLabels").properties().stream()
                .allMatch(e -> e.getValue().asText().equals(labels.get(e.getKey())));
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            Set<String> values = new TreeSet<>();
            StreamSupport.stream(expression.path("values").spliterator(), false).forEach(v -> values.add(v.asText()));
            match &= switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                default -> throw new IllegalStateException("operator " + expression.path("operator").asText());
            };
        }
        return match;
    }
}
