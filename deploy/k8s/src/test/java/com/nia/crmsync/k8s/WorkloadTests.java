package com.nia.crmsync.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every Deployment of the four services, in every render, is run the way the issue asks: started,
 * ready and live probes on Quarkus' health endpoints, requests and limits, a non-root and
 * unprivileged pod, topology spread, a PodDisruptionBudget and a Service on its port.
 */
class WorkloadTests {

    private static final List<String> SERVICES = List.of("sync-api", "sync-worker", "conflict-service", "creatio-gateway");

    static List<Manifests.Render> renders() {
        return Manifests.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceHasProbesResourcesAndANonRootPod(Manifests.Render render) {
        for (String service : SERVICES) {
            JsonNode pod = render.get("Deployment", service).path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").get(0);
            assertThat(pod.path("containers")).as(service).hasSize(1);

            assertThat(container.path("startupProbe").path("httpGet").path("path").asText()).as(service).isEqualTo("/q/health/started");
            assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).as(service).isEqualTo("/q/health/ready");
            assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).as(service).isEqualTo("/q/health/live");
            assertThat(container.findValues("port")).as(service).allSatisfy(port -> assertThat(port.asText()).isEqualTo("http"));

            assertThat(container.path("resources").path("requests").has("cpu")).as(service).isTrue();
            assertThat(container.path("resources").path("requests").has("memory")).as(service).isTrue();
            assertThat(container.path("resources").path("limits").has("memory")).as(service).isTrue();

            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).as(service).isTrue();
            assertThat(container.path("securityContext").path("allowPrivilegeEscalation").isBoolean()).as(service).isTrue();
            assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean()).as(service).isFalse();
            assertThat(container.path("securityContext").path("capabilities").path("drop")).extracting(JsonNode::asText)
                    .as(service).containsExactly("ALL");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("renders")
    void everyServiceIsSpreadAndCoveredByABudgetAndAService(Manifests.Render render) {
        for (String service : SERVICES) {
            JsonNode deployment = render.get("Deployment", service);
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");

            assertThat(deployment.path("spec").path("template").path("spec").path("topologySpreadConstraints"))
                    .as(service).isNotEmpty()
                    .allSatisfy(c -> assertThat(matches(c.path("labelSelector").path("matchLabels"), labels)).isTrue());
            assertThat(matches(render.get("PodDisruptionBudget", service).path("spec").path("selector").path("matchLabels"), labels))
                    .as(service).isTrue();
            assertThat(render.get("PodDisruptionBudget", service).path("spec").path("maxUnavailable").asInt()).as(service).isEqualTo(1);

            JsonNode svc = render.get("Service", service).path("spec");
            assertThat(matches(svc.path("selector"), labels)).as(service).isTrue();
            assertThat(svc.path("ports").get(0).path("port").asInt())
                    .isEqualTo(deployment.path("spec").path("template").path("spec").path("containers").get(0).path("ports").get(0)
                            .path("containerPort").asInt());
            assertThat(matches(selector, labels)).as(service).isTrue();
        }
    }

    @Test
    void theBaseRunsTwoSyncApis() {
        JsonNode syncApi = new Manifests.Render("base", Kustomize.render(Manifests.BASE)).get("Deployment", "sync-api");

        assertThat(syncApi.path("spec").path("replicas").asInt()).isEqualTo(2);
    }

    private static boolean matches(JsonNode selector, JsonNode labels) {
        return !selector.isEmpty() && selector.properties().stream().allMatch(e -> e.getValue().equals(labels.path(e.getKey())));
    }
}
