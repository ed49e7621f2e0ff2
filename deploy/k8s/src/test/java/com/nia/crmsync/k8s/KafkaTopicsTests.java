package com.nia.crmsync.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.nia.crmsync.model.Topics;

/**
 * The topics the manifests create are the contract's ({@link Topics#ALL}: names, partition counts,
 * compaction), whether Strimzi creates them or the Job does; the worker's autoscalers stop at the bulk
 * topic's partition count and watch the worker's own consumer group.
 */
class KafkaTopicsTests {

    private static final Pattern CREATE = Pattern.compile("^\\s*create (\\S+) (\\d+)(.*)$", Pattern.MULTILINE);

    @Test
    void theStrimziTopicsAreTheContractsTopics() {
        Manifests.Render local = Manifests.overlay("local");
        List<Topics.Spec> topics = local.ofKind("KafkaTopic")
                .map(t -> new Topics.Spec(t.path("spec").path("topicName").asText(), t.path("spec").path("partitions").asInt(),
                        "compact".equals(t.path("spec").path("config").path("cleanup.policy").asText())))
                .toList();

        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.ALL);
        assertThat(local.ofKind("KafkaTopic")).allSatisfy(t -> {
            assertThat(t.path("metadata").path("labels").path("strimzi.io/cluster").asText()).isEqualTo(Manifests.name(local.get("Kafka", "nia-kafka")));
            assertThat(t.path("spec").path("config").has("retention.ms")).isNotEqualTo(compacted(t));
        });
    }

    @Test
    void theTopicJobCreatesTheContractsTopics() {
        JsonNode job = Manifests.overlay("production").get("Job", "kafka-topics");
        String script = job.path("spec").path("template").path("spec").path("containers").get(0).path("args").get(0).asText();
        List<Topics.Spec> topics = new ArrayList<>();
        Matcher create = CREATE.matcher(script);
        while (create.find()) {
            topics.add(new Topics.Spec(create.group(1), Integer.parseInt(create.group(2)), create.group(3).contains("cleanup.policy=compact")));
        }

        assertThat(topics).containsExactlyInAnyOrderElementsOf(Topics.ALL);
    }

    @Test
    void kedaScalesTheWorkersGroupUpToTheBulkTopicsPartitions() throws IOException {
        JsonNode scaledObject = Manifests.overlay("production").get("ScaledObject", "sync-worker");

        assertThat(scaledObject.path("spec").path("maxReplicaCount").asInt()).isEqualTo(bulkPartitions());
        assertThat(scaledObject.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("sync-worker");
        assertThat(scaledObject.path("spec").path("triggers")).extracting(t -> t.path("metadata").path("topic").asText())
                .containsExactlyInAnyOrder(Topics.COMMANDS_BULK, Topics.COMMANDS_REALTIME);
        assertThat(scaledObject.path("spec").path("triggers")).extracting(t -> t.path("metadata").path("consumerGroup").asText())
                .containsOnly(workerGroup("commands-bulk-in"), workerGroup("commands-realtime-in"));
    }

    @Test
    void theHpaAlternativeStopsAtTheBulkTopicsPartitions() {
        JsonNode hpa = Manifests.component("autoscaling-hpa").get("HorizontalPodAutoscaler", "sync-worker");

        assertThat(hpa.path("spec").path("maxReplicas").asInt()).isEqualTo(bulkPartitions());
        assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("sync-worker");
    }

    @Test
    void theDeploymentLeavesTheWorkersReplicasToTheAutoscaler() {
        for (Manifests.Render render : Manifests.all()) {
            boolean autoscaled = render.ofKind("ScaledObject").findAny().isPresent() || render.ofKind("HorizontalPodAutoscaler").findAny().isPresent();
            assertThat(render.get("Deployment", "sync-worker").path("spec").has("replicas")).as("%s", render).isEqualTo(!autoscaled);
        }
    }

    private static boolean compacted(JsonNode topic) {
        return "compact".equals(topic.path("spec").path("config").path("cleanup.policy").asText());
    }

    private static int bulkPartitions() {
        return Topics.ALL.stream().filter(t -> t.name().equals(Topics.COMMANDS_BULK)).findFirst().orElseThrow().partitions();
    }

    private static String workerGroup(String channel) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Manifests.REPO.resolve("sync-worker/src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return properties.getProperty("mp.messaging.incoming." + channel + ".group.id");
    }
}
