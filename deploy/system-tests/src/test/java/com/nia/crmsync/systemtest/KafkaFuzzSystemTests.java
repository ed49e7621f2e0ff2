package com.nia.crmsync.systemtest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.deadletter.DeadLetterHeaders;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.testkit.TestTokens;

/**
 * Issue 21, part 3, over Kafka: 2,100 malformed records (350 a topic), seeded, to every topic a
 * service consumes and dead-letters from ({@code docs/events.md}): not JSON, wrong envelopes, unknown types and
 * versions, envelopes of another topic's type, valid envelopes with invalid payloads, payloads of
 * almost a megabyte, missing and odd keys, garbage headers — and one record per topic beyond the
 * broker's size limit, which the broker must refuse. Then: every record the broker took is on the
 * dead-letter topic once per consuming group (found by its origin topic, partition and offset) with
 * a reason; the consumer groups of sync-api and conflict-service have no lag left; and good records
 * after the bad ones are processed: a resync request becomes its run, and a pipeline check through every partition of both command lanes
 * (the worker commits only every 60 s on this stack, so its lag is not the measure) comes back
 * whole. The counts are printed. The configuration topic is left out: it is a state topic every
 * instance reads from the start and skips invalid records of ({@code ConfigurationView}), never
 * dead-lettering them.
 */
class KafkaFuzzSystemTests extends SyncSystemTest {

    static final long SEED = 21_3L;
    private static final int PER_TOPIC = 350;
    private static final Duration WITHIN = Duration.ofSeconds(120);
    private static final int HUGE = 900_000;
    private static final int BEYOND_BROKER = 1_200_000;

    /** A consumed topic, the envelope type it carries and the consumer groups that read and dead-letter it. */
    private record Target(String topic, String type, String foreignType, List<String> groups) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target(Topics.MEETINGS_ENDED, EventTypes.MEETING_ENDED, EventTypes.SYNC_RESULT, List.of("sync-api")),
            new Target(Topics.SYNC_REQUESTS, EventTypes.RESYNC_REQUESTED, EventTypes.MISMATCH, List.of("sync-api")),
            new Target(Topics.COMMANDS_REALTIME, EventTypes.SYNC_COMMAND, EventTypes.MEETING_ENDED, List.of("sync-worker")),
            new Target(Topics.COMMANDS_BULK, EventTypes.SYNC_COMMAND, EventTypes.RESYNC_REQUESTED, List.of("sync-worker")),
            new Target(Topics.RESULTS, EventTypes.SYNC_RESULT, EventTypes.SYNC_COMMAND, List.of("sync-api", "conflict-service")),
            new Target(Topics.MISMATCHES, EventTypes.MISMATCH, EventTypes.SYNC_RESULT, List.of("conflict-service")));

    /** The kinds of malformed record, in the order the generator cycles through them. */
    enum Case {
        NOT_JSON, WRONG_ENVELOPE, UNKNOWN_TYPE, FOREIGN_TYPE, UNKNOWN_VERSION, INVALID_PAYLOAD, HUGE_PAYLOAD, BAD_KEY, BAD_HEADERS
    }

    /** One record the broker took: where it is, and what was wrong with it. */
    private record Sent(String topic, int partition, long offset, Case kind) {
    }

    @Test
    void malformedRecordsOnEveryConsumedTopicAreDeadLetteredWithTheirReasonAndNothingStops() throws Exception {
        Instant started = Instant.now();
        Random random = new Random(SEED);
        Map<TopicPartition, Long> dlqStart = endOffsets(Topics.DEAD_LETTERS);
        List<Sent> sent = new ArrayList<>();
        Map<String, Integer> refused = new TreeMap<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            List<Future<RecordMetadata>> pending = new ArrayList<>();
            List<Case> kinds = new ArrayList<>();
            for (Target target : TARGETS) {
                for (int n = 0; n < PER_TOPIC; n++) {
                    Case kind = Case.values()[n % Case.values().length];
                    if (kind == Case.HUGE_PAYLOAD && n / Case.values().length >= 2) {
                        kind = Case.INVALID_PAYLOAD; // two records of ~900 kB a topic are enough
                    }
                    pending.add(producer.send(malformed(target, kind, n, random)));
                    kinds.add(kind);
                }
                // beyond the broker's limit (message.max.bytes, 1 MB): the broker itself refuses it
                ProducerRecord<byte[], byte[]> tooLarge = new ProducerRecord<>(target.topic(), bytes("fuzz-" + marker),
                        bytes(envelope(target.type(), "fuzz-" + marker, 1, Map.of("blob", "x".repeat(BEYOND_BROKER)))));
                try {
                    producer.send(tooLarge).get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).as("a record beyond the broker's limit on %s", target.topic())
                            .isInstanceOf(RecordTooLargeException.class);
                    refused.merge(target.topic(), 1, Integer::sum);
                }
            }
            for (int i = 0; i < pending.size(); i++) {
                RecordMetadata meta = pending.get(i).get(60, TimeUnit.SECONDS);
                sent.add(new Sent(meta.topic(), meta.partition(), meta.offset(), kinds.get(i)));
            }
        }
        assertThat(refused).as("records beyond the broker's limit refused, per topic").hasSize(TARGETS.size());

        // every record the broker took, dead-lettered once by every group that consumes its topic
        Map<String, Integer> expectedPerOrigin = new HashMap<>();
        Map<String, Sent> byOrigin = new HashMap<>();
        for (Sent s : sent) {
            String origin = s.topic() + "/" + s.partition() + "@" + s.offset();
            byOrigin.put(origin, s);
            expectedPerOrigin.put(origin, target(s.topic()).groups().size());
        }
        Map<String, List<ConsumerRecord<byte[], byte[]>>> deadLetters = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> dlq = reader()) {
            dlq.assign(dlqStart.keySet());
            dlqStart.forEach(dlq::seek);
            Instant deadline = Instant.now().plus(WITHIN);
            while (Instant.now().isBefore(deadline) && !complete(deadLetters, expectedPerOrigin)) {
                for (ConsumerRecord<byte[], byte[]> r : dlq.poll(Duration.ofMillis(500))) {
                    String origin = header(r, DeadLetterHeaders.ORIGIN_TOPIC) + "/" + header(r, DeadLetterHeaders.ORIGIN_PARTITION) + "@"
                            + header(r, DeadLetterHeaders.ORIGIN_OFFSET);
                    if (byOrigin.containsKey(origin)) {
                        deadLetters.computeIfAbsent(origin, o -> new ArrayList<>()).add(r);
                    }
                }
            }
        }

        Map<String, Long> sentPerCase = sent.stream().collect(Collectors.groupingBy(s -> s.topic() + " " + s.kind(), TreeMap::new,
                Collectors.counting()));
        Map<String, Long> deadPerCase = new TreeMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        List<String> missing = new ArrayList<>();
        List<String> withoutReason = new ArrayList<>();
        expectedPerOrigin.forEach((origin, expected) -> {
            List<ConsumerRecord<byte[], byte[]>> found = deadLetters.getOrDefault(origin, List.of());
            Sent s = byOrigin.get(origin);
            deadPerCase.merge(s.topic() + " " + s.kind(), (long) found.size(), Long::sum);
            if (found.size() < expected) {
                missing.add(origin + " (" + s.kind() + ", " + found.size() + " of " + expected + ")");
            }
            for (ConsumerRecord<byte[], byte[]> r : found) {
                String reason = header(r, DeadLetterHeaders.REASON);
                if (reason == null || reason.isBlank()) {
                    withoutReason.add(origin);
                } else {
                    reasons.merge(s.topic() + " | " + summary(reason), 1L, Long::sum);
                }
            }
        });

        // nothing stuck: the groups that commit promptly have no lag left, and probes pass every command partition
        Map<String, Long> lag = new TreeMap<>();
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(2)).until(() -> {
            lag.clear();
            lag.putAll(lag(Map.of("sync-api", List.of(Topics.MEETINGS_ENDED, Topics.SYNC_REQUESTS, Topics.RESULTS),
                    "conflict-service", List.of(Topics.RESULTS, Topics.MISMATCHES))));
            return lag.values().stream().allMatch(l -> l == 0);
        });
        // a good resync request after the bad ones (one unknown lead, a dry run: no Creatio call) becomes its run
        UUID resyncEvent = UUID.randomUUID();
        UUID requestId = UUID.randomUUID();
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("requestId", requestId.toString());
        request.put("scope", "ids");
        request.put("entityTypes", List.of("lead"));
        request.put("ids", List.of(UUID.randomUUID().toString()));
        request.put("dryRun", true);
        request.put("requestedBy", "system-test/fuzz-" + marker);
        Map<String, Object> good = new LinkedHashMap<>();
        good.put("eventId", resyncEvent.toString());
        good.put("type", EventTypes.RESYNC_REQUESTED);
        good.put("schemaVersion", 1);
        good.put("aggregateId", requestId.toString());
        good.put("occurredAt", Instant.now().toString());
        good.put("payload", request);
        kafka.send(Topics.SYNC_REQUESTS, requestId.toString(), Json.write(good));
        UUID resyncRun = Ids.resyncRunId(resyncEvent);
        await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(() -> given().baseUri(sync.syncApi).auth()
                .oauth2(TestTokens.viewer()).when().get("/api/v1/crm/sync/runs/" + resyncRun).statusCode() == 200);
        Map<String, Integer> probes = new TreeMap<>();
        probes.put("realtime", pipelineCheck("realtime", 60));
        probes.put("bulk", pipelineCheck("bulk", 120));

        System.out.printf("Kafka fuzz (seed %d): %d malformed records sent, %d refused by the broker (over 1 MB), in %d s%n", SEED,
                sent.size(), refused.values().stream().mapToInt(Integer::intValue).sum(),
                Duration.between(started, Instant.now()).toSeconds());
        System.out.println("  records sent / dead letters found, per topic and case:");
        sentPerCase.forEach((k, v) -> System.out.printf("    %-48s %5d / %5d%n", k, v, deadPerCase.getOrDefault(k, 0L)));
        System.out.println("  dead letters per topic and reason:");
        reasons.forEach((k, v) -> System.out.printf("    %5d  %s%n", v, k));
        System.out.println("  consumer-group lag after the flood: " + lag);
        System.out.println("  pipeline probes returned after the flood, per lane: " + probes + "; the good resync request's run: "
                + resyncRun);

        assertThat(sent).hasSizeGreaterThanOrEqualTo(2_000);
        assertThat(missing).as("bad records not on the dead-letter topic").isEmpty();
        assertThat(withoutReason).as("dead letters without a reason").isEmpty();
    }

    private static boolean complete(Map<String, List<ConsumerRecord<byte[], byte[]>>> found, Map<String, Integer> expected) {
        return expected.entrySet().stream().allMatch(e -> found.getOrDefault(e.getKey(), List.of()).size() >= e.getValue());
    }

    /** Starts a pipeline check on a lane and waits until every probe came back; the probes returned. */
    private int pipelineCheck(String lane, int count) {
        String run = given().baseUri(sync.syncApi).auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON)
                .body(Map.of("count", count, "lane", lane)).when().post("/api/v1/crm/sync/pipeline-check")
                .then().statusCode(202).extract().path("run_id");
        return await().atMost(WITHIN).pollInterval(Duration.ofSeconds(1)).until(
                () -> given().baseUri(sync.syncApi).auth().oauth2(TestTokens.viewer()).when()
                        .get("/api/v1/crm/sync/pipeline-check/" + run).then().statusCode(200).extract().<Integer>path("returned"),
                returned -> returned == count);
    }

    private ProducerRecord<byte[], byte[]> malformed(Target target, Case kind, int n, Random random) {
        String key = "fuzz-" + marker + "-" + n;
        String value;
        switch (kind) {
            case NOT_JSON -> value = List.of("", "{", "null", "[]", "42", "\"text\"", "<xml/>", "{\"eventId\":", "\u0000\u0001\u0002",
                    randomText(random, 64)).get(n / Case.values().length % 10);
            case WRONG_ENVELOPE -> value = wrongEnvelope(target, key, n / Case.values().length % 6);
            case UNKNOWN_TYPE -> value = envelope("nia.fuzz.unknown." + random.nextInt(1000), key, 1, Map.of());
            case FOREIGN_TYPE -> value = envelope(target.foreignType(), key, 1, Map.of("kind", "sync"));
            case UNKNOWN_VERSION -> value = envelope(target.type(), key, 2 + random.nextInt(1000), Map.of());
            case INVALID_PAYLOAD -> value = invalidPayload(target, key, n / Case.values().length % 5, random);
            case HUGE_PAYLOAD -> value = envelope(target.type(), key, 1, Map.of("kind", "sync", "blob", randomText(random, HUGE)));
            case BAD_KEY -> {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(target.topic(), n % 2 == 0 ? null : bytes(""),
                        bytes(envelope(target.type(), key, 1, "payload of the wrong shape")));
                return r;
            }
            case BAD_HEADERS -> {
                ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(target.topic(), bytes(key),
                        bytes(envelope(target.type(), key, 1, List.of("not", "an", "object"))));
                r.headers().add("traceparent", bytes("00-zz-not-a-trace-" + n));
                r.headers().add(DeadLetterHeaders.REPLAY_ATTEMPT, bytes(n % 2 == 0 ? "many" : "-3"));
                r.headers().add("fuzz-binary", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
                r.headers().add("fuzz-empty", null);
                return r;
            }
            default -> throw new IllegalStateException(kind.name());
        }
        ProducerRecord<byte[], byte[]> r = new ProducerRecord<>(target.topic(), bytes(key), bytes(value));
        r.headers().add("fuzz-case", bytes(kind.name()));
        return r;
    }

    private static String wrongEnvelope(Target target, String key, int variant) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        switch (variant) {
            case 0 -> envelope.put("payload", Map.of());
            case 1 -> {
                envelope.put("eventId", 42);
                envelope.put("type", target.type());
                envelope.put("occurredAt", "yesterday");
            }
            case 2 -> {
                envelope.put("eventId", "not-a-uuid");
                envelope.put("type", List.of(target.type()));
            }
            case 3 -> {
                envelope.put("eventId", UUID.randomUUID().toString());
                envelope.put("type", target.type());
                envelope.put("schemaVersion", "one");
                envelope.put("aggregateId", key);
            }
            case 4 -> {
                envelope.put("eventId", UUID.randomUUID().toString());
                envelope.put("type", target.type());
                envelope.put("schemaVersion", 1);
                envelope.put("aggregateId", "");
                envelope.put("occurredAt", "2026-12-07T05:00:00Z");
                envelope.put("payload", Map.of());
            }
            default -> {
                envelope.put("eventId", UUID.randomUUID().toString());
                envelope.put("type", target.type());
                envelope.put("schemaVersion", 1);
                envelope.put("aggregateId", key);
                envelope.put("occurredAt", "2026-12-07T05:00:00Z");
            }
        }
        return Json.write(envelope);
    }

    private static String invalidPayload(Target target, String key, int variant, Random random) {
        Object payload = switch (variant) {
            case 0 -> "a string";
            case 1 -> 12345;
            case 2 -> Map.of("kind", "explode", "operation", "explode", "meetingId", "not-a-uuid", "requestId", "not-a-uuid",
                    "commandId", "not-a-uuid", "outcome", "explode");
            case 3 -> Map.of("kind", "sync", "entity", "lead", "scope", 42, "occurredAt", "never", "attempt", "first");
            default -> Map.of("kind", List.of(), "meetingId", Map.of("nested", randomText(random, 32)), "entity", Map.of("type", 7),
                    "commandId", UUID.randomUUID().toString(), "fields", "'; DROP TABLE sync_record; --");
        };
        return envelope(target.type(), key, 1, payload);
    }

    private static String envelope(String type, String key, int version, Object payload) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("eventId", UUID.randomUUID().toString());
        envelope.put("type", type);
        envelope.put("schemaVersion", version);
        envelope.put("aggregateId", key);
        envelope.put("correlationId", UUID.randomUUID().toString());
        envelope.put("occurredAt", "2026-12-07T05:00:00Z");
        envelope.put("payload", payload);
        return Json.write(envelope);
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) (0x20 + random.nextInt(0x5f)));
        }
        return text.toString();
    }

    /** The reason without its variable parts (ids, offsets, positions), at most 90 characters. */
    private static String summary(String reason) {
        String general = reason.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<uuid>")
                .replaceAll("fuzz-[0-9a-f]{8}-[0-9]+", "<key>").replaceAll("\\d+", "N").replaceAll("\\s+", " ");
        return general.length() > 90 ? general.substring(0, 90) + "…" : general;
    }

    private static Target target(String topic) {
        return TARGETS.stream().filter(t -> t.topic().equals(topic)).findFirst().orElseThrow();
    }

    /** Every group's lag on its topics (end offset minus committed offset, summed over partitions), by "group topic". */
    private Map<String, Long> lag(Map<String, List<String>> groups) throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        try (Admin admin = kafka.admin()) {
            for (Map.Entry<String, List<String>> group : groups.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                for (String topic : group.getValue()) {
                    Map<TopicPartition, Long> ends = endOffsets(admin, topic);
                    long total = 0;
                    for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                        OffsetAndMetadata at = committed.get(end.getKey());
                        total += end.getValue() - (at == null ? 0 : at.offset());
                    }
                    lag.put(group.getKey() + " " + topic, total);
                }
            }
        }
        return lag;
    }

    private Map<TopicPartition, Long> endOffsets(String topic) throws Exception {
        try (Admin admin = kafka.admin()) {
            return endOffsets(admin, topic);
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        // the client would refuse a record over 1 MB itself: let the broker's own limit be what refuses it
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 * 1024 * 1024));
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> reader() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static String header(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
