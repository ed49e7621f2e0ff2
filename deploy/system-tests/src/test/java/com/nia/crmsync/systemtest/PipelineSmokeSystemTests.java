package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.infra.QuarkusService;
import com.nia.crmsync.infra.ServiceKind;
import com.nia.crmsync.infra.Stack;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.testkit.TestTokens;

/**
 * The smoke path over the real broker and database, with the packaged services as processes:
 * probes published by sync-api (through its outbox) are consumed by sync-worker; the worker is
 * SIGKILLed after some of them and before it commits; after its restart every probe is processed
 * exactly once in effect, although Kafka redelivered some.
 */
@ExtendWith(LogsOnFailure.class)
class PipelineSmokeSystemTests {

    private static final int N = 40;
    private static final int K = 10;

    @Test
    void everyProbeIsProcessedExactlyOnceAcrossAWorkerKilledBeforeItCommits() throws Exception {
        Stack stack = SystemStack.get();
        String router = stack.service(ServiceKind.FRONT_ROUTER).baseUrl();
        QuarkusService worker = stack.instance("sync-worker");
        Map<TopicPartition, Long> endBefore = endOffsets(stack, Topics.COMMANDS_REALTIME);

        // through the public base URL: the front router sends /api/v1/crm/sync/... to sync-api
        String runId = given().baseUri(router).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body("{\"count\":" + N + ",\"work_millis\":150}")
                .when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(202).extract().path("run_id");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> check(router, runId).getInt("returned") >= K);
        worker.kill();
        int returnedAtKill = check(router, runId).getInt("returned");
        long committedInRun = committedSince(stack, Topics.COMMANDS_REALTIME, endBefore);
        assertThat(committedInRun)
                .as("the worker died with processed but uncommitted commands")
                .isLessThan(returnedAtKill);

        worker.start().awaitReady(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(90))
                .until(() -> check(router, runId).getInt("returned") == N);
        // Kafka delivered some probes twice: exactly-once is the consumers' doing, not luck. The worker answers a poll's
        // probes together, after each one's work, so every probe may have returned before the redelivered ones are answered
        // again: wait for their second results, then for sync-api to have read them all
        await().atMost(Duration.ofSeconds(90)).until(() -> resultsOfRun(stack, runId) > N);
        await().atMost(Duration.ofSeconds(60)).until(() -> lag(stack, "sync-api", Topics.RESULTS) == 0);

        JsonPath done = check(router, runId);
        assertThat(done.getInt("sent")).isEqualTo(N);
        assertThat(done.getInt("returned")).isEqualTo(N);
        assertThat(done.getInt("pending")).isZero();
        assertThat(done.getInt("applied_more_than_once")).isZero();
    }

    @Test
    void commandsWaitInTheOutboxWhileTheBrokerIsDownAndFlowAfterItsRestart() {
        Stack stack = SystemStack.get();
        String syncApi = stack.service(ServiceKind.SYNC_API).baseUrl();
        stack.kafka().stop();
        String runId;
        try {
            runId = given().baseUri(syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON).body("{\"count\":5,\"work_millis\":0}")
                    .when().post("/api/v1/crm/sync/pipeline-check")
                    .then().statusCode(202).extract().path("run_id");
        } finally {
            stack.kafka().restart();
        }
        await().atMost(Duration.ofSeconds(120))
                .until(() -> check(syncApi, runId).getInt("returned") == 5);
        assertThat(check(syncApi, runId).getInt("applied_more_than_once")).isZero();
    }

    private static JsonPath check(String baseUrl, String runId) {
        return given().baseUri(baseUrl).auth().oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/pipeline-check/" + runId)
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<TopicPartition, Long> endOffsets(Stack stack, String topic) throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
            return ends;
        }
    }

    private static long committedSince(Stack stack, String topic, Map<TopicPartition, Long> before) throws Exception {
        try (Admin admin = stack.kafka().admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("sync-worker")
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long sum = 0;
            for (var e : committed.entrySet()) {
                if (e.getKey().topic().equals(topic) && e.getValue() != null) {
                    sum += Math.max(0, e.getValue().offset() - before.getOrDefault(e.getKey(), 0L));
                }
            }
            return sum;
        }
    }

    /** The records of {@code topic} that {@code group} has not committed yet. */
    private static long lag(Stack stack, String group, String topic) throws Exception {
        Map<TopicPartition, Long> ends = endOffsets(stack, topic);
        try (Admin admin = stack.kafka().admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            long lag = 0;
            for (var end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                lag += Math.max(0, end.getValue() - (at == null ? 0 : at.offset()));
            }
            return lag;
        }
    }

    private static long resultsOfRun(Stack stack, String runId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long count = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.RESULTS));
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 3000) {
                var records = consumer.poll(Duration.ofMillis(300));
                if (!records.isEmpty()) {
                    quietSince = System.currentTimeMillis();
                }
                for (ConsumerRecord<String, String> r : records) {
                    if (r.value().contains(runId)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }
}
