package com.nia.crmsync.conflict;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.nia.crmsync.conflict.entity.SyncConflict;
import com.nia.crmsync.conflict.repository.SyncConflictRepository;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.ResolveCommand;
import com.nia.crmsync.model.config.ConflictPolicy;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.event.Ids;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.mismatch.Mismatch;
import com.nia.crmsync.model.mismatch.MismatchType;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.testkit.TestKafka;

/**
 * What the worker would publish, built from the contract's own records: mismatches (manual and
 * decided ones) and results; plus reading the conflicts back and the resolve commands off Kafka.
 */
final class Conflicts {

    private Conflicts() {
    }

    /** A lead of its own, so tests never see each other's conflicts. */
    static EntityKey newLead() {
        return new EntityKey(EntityType.LEAD, UUID.randomUUID(), UUID.randomUUID());
    }

    /** A same-field mismatch left open for a person ({@code manual}). */
    static Mismatch manual(EntityKey lead, String field, Object base, Object nia, Object creatio, Instant detectedAt) {
        return new Mismatch(UUID.randomUUID(), 1, MismatchType.FIELD_MISMATCH, lead, field, base, nia, creatio,
                detectedAt.minusSeconds(60), detectedAt.minusSeconds(30), ConflictPolicy.MANUAL, null, null,
                "manual: both sides changed " + field, null, null, 3, false, UUID.randomUUID(), detectedAt);
    }

    /** A mismatch of another type (field null), left open. */
    static Mismatch ofType(EntityKey lead, MismatchType type, String field, List<UUID> candidates, String detail) {
        return new Mismatch(UUID.randomUUID(), 1, type, lead, field, null, null, null, null, null, ConflictPolicy.MANUAL, null,
                null, type.wire() + ": a person decides", candidates, detail, 3, false, UUID.randomUUID(), Instant.now());
    }

    /** A mismatch a policy decided where it was found. */
    static Mismatch decided(EntityKey lead, String field, Object base, Object nia, Object creatio, ConflictPolicy policy,
            Side winner, String reason) {
        Instant now = Instant.now();
        return new Mismatch(UUID.randomUUID(), 1, MismatchType.FIELD_MISMATCH, lead, field, base, nia, creatio,
                now.minusSeconds(20), now.minusSeconds(8), policy, winner, winner == Side.NIA ? nia : creatio, reason, null,
                null, 3, false, UUID.randomUUID(), now);
    }

    /** The envelope the worker publishes for a mismatch (the deterministic event id of command, attempt and field). */
    static Envelope<Mismatch> envelope(Mismatch m) {
        return new Envelope<>(Ids.mismatchEventId(m.commandId(), m.attempt(), m.field()), EventTypes.MISMATCH, 1,
                m.entity().kafkaKey(), m.runId(), null, null, Instant.now(), m);
    }

    /** Publishes envelopes on a topic with one producer, keyed by their aggregate ids; waits for the acks. */
    static void publish(TestKafka kafka, String topic, List<? extends Envelope<?>> envelopes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (Envelope<?> e : envelopes) {
                producer.send(new ProducerRecord<>(topic, e.aggregateId(), Json.write(e))).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot publish to " + topic, e);
        }
    }

    static void publishMismatches(TestKafka kafka, Mismatch... mismatches) {
        publish(kafka, Topics.MISMATCHES, java.util.Arrays.stream(mismatches).map(Conflicts::envelope).toList());
    }

    /** Publishes the result of a command, as the worker would (deterministic event id, same key). */
    static void publishResult(TestKafka kafka, Envelope<? extends Command> command, SyncResult result) {
        publish(kafka, Topics.RESULTS, List.of(Envelope.result(command, result)));
    }

    /** The record's conflicts, newest first. */
    static List<SyncConflict> of(SyncConflictRepository repository, EntityKey entity) {
        return QuarkusTransaction.requiringNew().call(() -> repository
                .list(new SyncConflictRepository.Filter(null, null, entity.entityType().wire(), entity.localId(), null)).list());
    }

    /** The record's only conflict on {@code field}, once it is stored. */
    static SyncConflict one(SyncConflictRepository repository, EntityKey entity, String field) {
        List<SyncConflict> found = of(repository, entity).stream().filter(c -> java.util.Objects.equals(field, c.field)).toList();
        if (found.size() != 1) {
            throw new AssertionError("expected one conflict on " + field + ", found " + found.size());
        }
        return found.get(0);
    }

    /** Stored-and-read conflict by id. */
    static SyncConflict byId(SyncConflictRepository repository, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> repository.findById(id));
    }

    /** The resolve commands for a conflict on the realtime topic, once {@code count} have arrived (or the read times out). */
    static List<Envelope<ResolveCommand>> commandsFor(TestKafka kafka, UUID conflictId, int count) {
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.COMMANDS_REALTIME,
                recs -> recs.stream().filter(r -> r.value().contains(conflictId.toString())).count() >= count,
                Duration.ofSeconds(30));
        return records.stream().filter(r -> r.value().contains(conflictId.toString()))
                .map(r -> {
                    Envelope<ResolveCommand> e = Json.readEnvelope(r.value(), ResolveCommand.class);
                    if (!r.key().equals(e.aggregateId())) {
                        throw new AssertionError("record key " + r.key() + " is not the envelope's aggregate id");
                    }
                    return e;
                })
                .toList();
    }
}
