package com.nia.crmsync.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.command.ResolutionStrategy;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.KafkaResource;
import com.nia.crmsync.testkit.TestKafka;

/** The worker's command consumer over the real broker. */
@QuarkusTest
@WithTestResource(KafkaResource.class)
class CommandsConsumerTests {

    @InjectKafka
    TestKafka kafka;

    @Test
    void answersProbesOnBothLanesWithResultsKeyedByEntity() {
        for (Lane lane : Lane.values()) {
            SyncCommand probe = SyncCommand.probe(EntityKey.local(EntityType.LEAD, UUID.randomUUID()), lane, 0, 0L);
            Envelope<SyncCommand> envelope = Envelope.command(probe, UUID.randomUUID());
            kafka.send(lane.topic(), envelope.aggregateId(), Json.write(envelope));

            ConsumerRecord<String, String> answer = resultFor(probe);
            assertThat(answer.key()).isEqualTo(envelope.aggregateId());
            Envelope<SyncResult> result = Json.readEnvelope(answer.value(), SyncResult.class);
            assertThat(result.eventId()).isEqualTo(Ids.resultEventId(probe.commandId(), probe.attempt()));
            assertThat(result.causationId()).isEqualTo(envelope.eventId());
            assertThat(result.payload().outcome()).isEqualTo(Outcome.PROBED);
            assertThat(result.payload().lane()).isEqualTo(lane);
        }
    }

    /** Both lanes: the real-time one by the framework's dead-letter strategy, the batch-consumed bulk one record by record. */
    @ParameterizedTest
    @EnumSource(Lane.class)
    void deadLettersAPoisonCommandWithItsReasonAndProcessesTheNextOne(Lane lane) {
        String poisonKey = "lead:" + UUID.randomUUID();
        kafka.send(lane.topic(), poisonKey, "{\"eventId\":\"not-a-uuid\"}");
        SyncCommand probe = SyncCommand.probe(EntityKey.local(EntityType.LEAD, UUID.randomUUID()), lane, 0, 0L);
        Envelope<SyncCommand> next = Envelope.command(probe, UUID.randomUUID());
        kafka.send(lane.topic(), next.aggregateId(), Json.write(next));

        assertThat(resultFor(probe)).isNotNull();
        ConsumerRecord<String, String> letter = deadLetterOf(poisonKey);
        assertThat(letter.value()).isEqualTo("{\"eventId\":\"not-a-uuid\"}");
        assertThat(TestKafka.header(letter, "dead-letter-reason")).isNotBlank();
        assertThat(TestKafka.header(letter, "dead-letter-topic")).isEqualTo(lane.topic());
        assertThat(TestKafka.header(letter, DeadLetterHeaders.ORIGIN_OFFSET)).isNotBlank();
        assertThat(TestKafka.header(letter, DeadLetterHeaders.ORIGIN_PARTITION)).isNotBlank();
        assertThat(TestKafka.header(letter, DeadLetterHeaders.EXCEPTION_CLASS)).isNotBlank();
        assertThat(TestKafka.header(letter, DeadLetterHeaders.ATTEMPT)).isEqualTo("1");
    }

    /**
     * A well-formed envelope whose sync command has no record: dead-lettered naming what is missing,
     * never handled. On the bulk lane it used to fail the whole batch, which was retried forever and
     * held every bulk partition behind it.
     */
    @ParameterizedTest
    @EnumSource(Lane.class)
    void deadLettersACommandWithoutItsRecordNamingTheMissingPartAndTheLaneGoesOn(Lane lane) {
        String poisonKey = "lead:" + UUID.randomUUID();
        SyncCommand hollow = SyncCommand.probe(EntityKey.local(EntityType.LEAD, UUID.randomUUID()), lane, 0, 0L);
        String poison = Json.write(Envelope.command(hollow, UUID.randomUUID()))
                .replaceFirst("\"entity\":\\{[^}]*\\},?", "");
        assertThat(poison).doesNotContain("\"entity\"");
        kafka.send(lane.topic(), poisonKey, poison);
        SyncCommand probe = SyncCommand.probe(EntityKey.local(EntityType.LEAD, UUID.randomUUID()), lane, 0, 0L);
        Envelope<SyncCommand> next = Envelope.command(probe, UUID.randomUUID());
        kafka.send(lane.topic(), next.aggregateId(), Json.write(next));

        assertThat(resultFor(probe)).isNotNull();
        ConsumerRecord<String, String> letter = deadLetterOf(poisonKey);
        assertThat(TestKafka.header(letter, "dead-letter-reason")).contains("/payload/entity");
        assertThat(letter.value()).isEqualTo(poison);
    }

    /** A replayed record (its first replay) that is still poison is dead-lettered with attempt 2, on both lanes. */
    @ParameterizedTest
    @EnumSource(Lane.class)
    void deadLettersAReplayedPoisonCommandAgainWithItsAttemptCountedUp(Lane lane) {
        String poisonKey = "lead:" + UUID.randomUUID();
        kafka.send(lane.topic(), poisonKey, "{\"eventId\":\"still-not-a-uuid\"}", Map.of(DeadLetterHeaders.REPLAY_ATTEMPT, "1"));

        ConsumerRecord<String, String> letter = deadLetterOf(poisonKey);
        assertThat(TestKafka.header(letter, DeadLetterHeaders.DEAD_LETTER_ATTEMPT)).isEqualTo("2");
        assertThat(TestKafka.header(letter, "dead-letter-topic")).isEqualTo(lane.topic());
    }

    @Test
    void publishesResultsWithAnIdempotentProducerAsTheBrokerStoredThem() {
        SyncCommand probe = SyncCommand.probe(EntityKey.local(EntityType.LEAD, UUID.randomUUID()), Lane.REALTIME, 0, 0L);
        Envelope<SyncCommand> envelope = Envelope.command(probe, UUID.randomUUID());
        kafka.send(Topics.COMMANDS_REALTIME, envelope.aggregateId(), Json.write(envelope));
        resultFor(probe);

        String id = probe.commandId().toString();
        List<TestKafka.StoredBatch> batches = kafka.storedBatches(Topics.RESULTS).stream()
                .filter(b -> b.values().stream().anyMatch(v -> v != null && v.contains(id))).toList();
        assertThat(batches).isNotEmpty().allSatisfy(b -> {
            // an idempotent producer stamps every batch with its producer id and a sequence number
            assertThat(b.producerId()).isNotNegative();
            assertThat(b.baseSequence()).isNotNegative();
        });
    }

    @Test
    void aCommandPlannedWithANewerConfigurationWaitsForItAndThenRuns() {
        long version = System.currentTimeMillis();
        SyncCommand probe = SyncCommand.probe(EntityKey.local(EntityType.LEAD, UUID.randomUUID()), Lane.REALTIME, version, 0L);
        Envelope<SyncCommand> envelope = Envelope.command(probe, UUID.randomUUID());
        kafka.send(Topics.COMMANDS_REALTIME, envelope.aggregateId(), Json.write(envelope));

        String id = probe.commandId().toString();
        List<ConsumerRecord<String, String>> early = kafka.readUntil(Topics.RESULTS,
                rs -> rs.stream().anyMatch(r -> r.value().contains(id)), Duration.ofSeconds(4));
        assertThat(early).noneMatch(r -> r.value().contains(id));

        ConfigRecord config = new ConfigRecord(version, Instant.now(), "test", DefaultConfiguration.create());
        kafka.send(Topics.CONFIG, ConfigRecord.KEY, Json.write(Envelope.create(EventTypes.CONFIGURATION, ConfigRecord.KEY, config)));
        assertThat(resultFor(probe)).isNotNull();
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'crm-sync-configuration' }.data.version", equalTo(version));
    }

    @Test
    void aResolveCommandOnTheRealtimeLaneIsAnsweredNamingItsConflictNotDeadLettered() {
        long version = System.currentTimeMillis();
        ConfigRecord config = new ConfigRecord(version, Instant.now(), "test", DefaultConfiguration.create());
        kafka.send(Topics.CONFIG, ConfigRecord.KEY, Json.write(Envelope.create(EventTypes.CONFIGURATION, ConfigRecord.KEY, config)));
        // a pick whose chosen value is no Creatio id: answered failed without calling the gateway
        ResolveCommand pick = new ResolveCommand(UUID.randomUUID(), UUID.randomUUID(),
                EntityKey.local(EntityType.LEAD, UUID.randomUUID()), MismatchType.DUPLICATE_MATCH,
                ResolutionStrategy.PICK_CREATIO_RECORD, null, "not-an-id", null, null, "olga.operator", version, 1);
        Envelope<Command> envelope = Envelope.command(pick, UUID.randomUUID());
        kafka.send(Topics.COMMANDS_REALTIME, envelope.aggregateId(), Json.write(envelope));

        String id = pick.commandId().toString();
        ConsumerRecord<String, String> answer = kafka.readUntil(Topics.RESULTS,
                rs -> rs.stream().anyMatch(r -> r.value().contains(id)), Duration.ofSeconds(30)).stream()
                .filter(r -> r.value().contains(id)).findFirst().orElseThrow(() -> new AssertionError("no result for " + id));
        SyncResult result = Json.readEnvelope(answer.value(), SyncResult.class).payload();
        assertThat(answer.key()).isEqualTo(envelope.aggregateId());
        assertThat(result.conflictId()).isEqualTo(pick.conflictId());
        assertThat(result.strategy()).isEqualTo(ResolutionStrategy.PICK_CREATIO_RECORD);
        assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(result.failure().message()).contains("Creatio id");
    }

    @Test
    void isReadyWhenKafkaAnswers() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    /** The dead letter of the record published under {@code key}, waiting up to 30 s for it. */
    private ConsumerRecord<String, String> deadLetterOf(String key) {
        return kafka.readUntil(Topics.DEAD_LETTERS, rs -> rs.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(30))
                .stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
    }

    private ConsumerRecord<String, String> resultFor(SyncCommand probe) {
        String id = probe.commandId().toString();
        List<ConsumerRecord<String, String>> results = kafka.readUntil(Topics.RESULTS,
                rs -> rs.stream().anyMatch(r -> r.value().contains(id)), Duration.ofSeconds(30));
        return results.stream().filter(r -> r.value().contains(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no result for probe " + id));
    }
}
