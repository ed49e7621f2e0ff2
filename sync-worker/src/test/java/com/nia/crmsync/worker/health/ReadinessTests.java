package com.nia.crmsync.worker.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.Operation;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.KafkaResource;
import com.nia.crmsync.testkit.TestKafka;

/**
 * A worker that cannot work does not take work (issue 21): started with client credentials the
 * identity provider refuses, it reports not ready and never joins the consumer group, so a command
 * waits uncommitted; once the credentials work it joins and carries the command out. When the
 * gateway later refuses its token, the command it was handling is neither answered nor
 * dead-lettered nor committed, the worker reports not ready and leaves the group (no partitions),
 * and when the gateway accepts it again it rejoins and carries the command out.
 */
@QuarkusTest
@TestProfile(ReadinessTests.SelfCheckOn.class)
@WithTestResource(KafkaResource.class)
@WithTestResource(FakeDependencies.class)
class ReadinessTests {

    /** The self-check on (the other Quarkus tests run without a gateway), short holds and probes. */
    public static class SelfCheckOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("sync-worker.readiness.self-check", "true",
                    "sync-worker.readiness.hold", "PT2S",
                    "sync-worker.readiness.probe-min", "PT0.2S",
                    "sync-worker.readiness.probe-max", "PT1S",
                    "mp.messaging.incoming.commands-realtime-in.auto.commit.interval.ms", "500");
        }
    }

    private static final EntityMapping LEAD = DefaultConfiguration.create().mapping(EntityType.LEAD).orElseThrow();
    private static final String GROUP = "sync-worker";

    @InjectKafka
    TestKafka kafka;

    @Test
    void aWorkerThatCannotWorkTakesNoWorkAndTakesItUpWhenItCan() throws Exception {
        long version = System.currentTimeMillis();
        kafka.send(Topics.CONFIG, ConfigRecord.KEY, Json.write(Envelope.create(EventTypes.CONFIGURATION, ConfigRecord.KEY,
                new ConfigRecord(version, Instant.now(), "test", DefaultConfiguration.create()))));

        // 1. started with credentials the identity provider refuses: not ready, not in the group
        JsonPath down = awaitReadiness(503);
        assertThat(down.getString("checks.find { it.name == 'sync-worker-dependencies' }.data.reason"))
                .contains("unauthorized_client").contains("NIA_OIDC_CLIENT_SECRET").doesNotContain("not-the-secret");
        SyncCommand first = upsert(version);
        long firstOffset = send(first);
        TimeUnit.SECONDS.sleep(3);
        assertThat(resultsFor(first, Duration.ofMillis(500))).as("nothing answered before the self-check passed").isEmpty();
        assertThat(partitionsHeld()).as("no partition taken before the self-check passed").isZero();
        assertThat(committed(first)).as("nothing committed").isLessThanOrEqualTo(firstOffset);

        // 2. the credentials work: the worker joins and carries the command out
        FakeDependencies.REFUSE_CLIENT.set(false);
        awaitReadiness(200);
        assertThat(resultFor(first).outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);

        // 3. the gateway refuses the worker's token: the command is held, then left uncommitted as the worker leaves
        FakeDependencies.REFUSE_TOKEN.set(true);
        SyncCommand second = upsert(version);
        long secondOffset = send(second);
        JsonPath refused = awaitReadiness(503);
        assertThat(refused.getString("checks.find { it.name == 'sync-worker-dependencies' }.data.reason"))
                .contains("refused the worker's token");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> partitionsHeld() == 0);
        assertThat(resultsFor(second, Duration.ofSeconds(1))).as("nothing answered for the worker's own failure").isEmpty();
        assertThat(committed(second)).as("the held command is not committed").isLessThanOrEqualTo(secondOffset);

        // 4. the gateway accepts the token again: the worker rejoins and the command is redelivered
        FakeDependencies.REFUSE_TOKEN.set(false);
        awaitReadiness(200);
        assertThat(resultFor(second).outcome()).isEqualTo(Outcome.RETRYABLE_FAILURE);
        List<ConsumerRecord<String, String>> dead = kafka.readAll(Topics.DEAD_LETTERS, Duration.ofSeconds(1));
        assertThat(dead).as("nothing dead-lettered").noneMatch(r -> r.value().contains(first.commandId().toString())
                || r.value().contains(second.commandId().toString()));
    }

    private static SyncCommand upsert(long version) {
        UUID localId = UUID.randomUUID();
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("first_name", "Ada");
        fields.put("last_name", "Lovelace");
        fields.put("email", localId + "@nia.example");
        fields.put("status", "new");
        return SyncCommand.builder(EntityKey.local(EntityType.LEAD, localId), Operation.UPSERT, Lane.REALTIME, version)
                .nia(FieldMapper.toCreatio(LEAD, fields), Instant.now(), 1L).niaFields(fields)
                .allocatedCreatioId(Ids.creatioIdFor(EntityType.LEAD, localId)).maxRetries(3).build();
    }

    private long send(SyncCommand command) throws Exception {
        Envelope<Command> envelope = Envelope.command(command, UUID.randomUUID());
        kafka.send(Topics.COMMANDS_REALTIME, envelope.aggregateId(), Json.write(envelope));
        return kafka.readUntil(Topics.COMMANDS_REALTIME, rs -> rs.stream().anyMatch(r -> r.value().contains(command.commandId().toString())),
                Duration.ofSeconds(30)).stream().filter(r -> r.value().contains(command.commandId().toString()))
                .findFirst().orElseThrow().offset();
    }

    private TopicPartition partitionOf(SyncCommand command) {
        return kafka.readUntil(Topics.COMMANDS_REALTIME, rs -> rs.stream().anyMatch(r -> r.value().contains(command.commandId().toString())),
                Duration.ofSeconds(30)).stream().filter(r -> r.value().contains(command.commandId().toString()))
                .map(r -> new TopicPartition(r.topic(), r.partition())).findFirst().orElseThrow();
    }

    /** The committed offset of the command's partition in the worker's group (0 when none). */
    private long committed(SyncCommand command) throws Exception {
        TopicPartition partition = partitionOf(command);
        try (Admin admin = kafka.admin()) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get().get(partition);
            return offset == null ? 0 : offset.offset();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    /** The partitions the group's members hold. */
    private int partitionsHeld() throws Exception {
        try (Admin admin = kafka.admin()) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get();
            return group.members().stream().map(MemberDescription::assignment).mapToInt(a -> a.topicPartitions().size()).sum();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw e;
        }
    }

    private static JsonPath awaitReadiness(int status) {
        JsonPath[] last = new JsonPath[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
            var response = given().when().get("/q/health/ready").then().extract();
            last[0] = response.jsonPath();
            return response.statusCode() == status;
        });
        return last[0];
    }

    private SyncResult resultFor(SyncCommand command) {
        List<ConsumerRecord<String, String>> found = resultsFor(command, Duration.ofSeconds(60));
        assertThat(found).as("a result for " + command.commandId()).isNotEmpty();
        return Json.readEnvelope(found.get(0).value(), SyncResult.class).payload();
    }

    private List<ConsumerRecord<String, String>> resultsFor(SyncCommand command, Duration timeout) {
        String id = command.commandId().toString();
        return kafka.readUntil(Topics.RESULTS, rs -> rs.stream().anyMatch(r -> r.value().contains(id)), timeout).stream()
                .filter(r -> r.value().contains(id)).toList();
    }
}
