package com.nia.crmsync.syncapi.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.quarkus.narayana.jta.QuarkusTransaction;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.BaseSnapshot;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.command.SyncCommand;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.merge.CanonicalHash;
import com.nia.crmsync.model.result.Action;
import com.nia.crmsync.model.result.CallSummary;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.service.LeadInput;
import com.nia.crmsync.syncapi.entity.Lead;
import com.nia.crmsync.syncapi.planning.RetryScheduler;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.results.ResultApplier;
import com.nia.crmsync.syncapi.service.LeadService;
import com.nia.crmsync.testkit.TestKafka;

/** What the sync tests share: leads made through the service, commands read from Kafka, results built as a worker would. */
@ApplicationScoped
public class SyncTestSupport {

    private final LeadService leads;
    private final CreatioSyncRepository syncs;
    private final ResultApplier applier;
    private final EntityManager em;
    private final RetryScheduler scheduler;

    public SyncTestSupport(LeadService leads, CreatioSyncRepository syncs, ResultApplier applier, EntityManager em,
            RetryScheduler scheduler) {
        this.leads = leads;
        this.syncs = syncs;
        this.applier = applier;
        this.em = em;
        this.scheduler = scheduler;
    }

    /** One run of the retry scheduler. */
    public int planDueOnce() {
        return scheduler.planDue(200);
    }

    public static LeadInput input(String email, String title) {
        return new LeadInput("Ada", "Lovelace", email, "+44 20 7946 0958", "Analytical Engines", title, "qualified", null,
                new BigDecimal("50000.00"), true, false, null, null, null, "met at the conference");
    }

    public static String email() {
        return "ada-" + UUID.randomUUID() + "@example.com";
    }

    /** A new lead, created through the lead service (which plans its first command). */
    public UUID newLead() {
        return leads.create(input(email(), "CTO"), null).view().id();
    }

    /** Replaces the lead's title through the lead service (an NIA edit). */
    public void editTitle(UUID id, String title) {
        String email = lead(id).email;
        leads.replace(id, input(email, title), null);
    }

    public Lead lead(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Lead l = em.find(Lead.class, id);
            em.detach(l);
            return l;
        });
    }

    public CreatioSync row(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> syncs.of(EntityType.LEAD, id).orElse(null));
    }

    /** Runs SQL against the sync state (e.g. to make a row due). */
    public void sql(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                q.setParameter(i + 1, params[i]);
            }
            q.executeUpdate();
        });
    }

    public void apply(Envelope<SyncResult> result) {
        applier.apply(result);
    }

    /** Every command of the lead on the real-time topic, once at least {@code expected} are there (or 30 s passed). */
    public static List<Envelope<Command>> commands(TestKafka kafka, UUID leadId, int expected) {
        String key = EntityKey.kafkaKey(EntityType.LEAD, leadId);
        List<ConsumerRecord<String, String>> records = kafka.readUntil(Topics.COMMANDS_REALTIME,
                rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= expected, Duration.ofSeconds(30));
        return records.stream().filter(r -> key.equals(r.key())).map(r -> Json.readEnvelope(r.value(), Command.class)).toList();
    }

    /** Every command of the lead on the real-time topic, read until the topic is quiet. */
    public static List<Envelope<Command>> allCommands(TestKafka kafka, UUID leadId) {
        String key = EntityKey.kafkaKey(EntityType.LEAD, leadId);
        return kafka.readAll(Topics.COMMANDS_REALTIME, Duration.ofSeconds(3)).stream().filter(r -> key.equals(r.key()))
                .map(r -> Json.readEnvelope(r.value(), Command.class)).toList();
    }

    public static SyncCommand sync(Envelope<Command> envelope) {
        return (SyncCommand) envelope.payload();
    }

    /** The base a worker reports after agreeing on the command's NIA snapshot. */
    public static BaseSnapshot agreedBase(SyncCommand c) {
        String hash = CanonicalHash.of(c.niaSnapshot());
        return new BaseSnapshot(c.niaSnapshot(), hash, hash, Instant.now());
    }

    /** A worker's answer to {@code command}: the record created under its allocated id (or its linked id). */
    public static SyncResult.Builder answer(Envelope<Command> command, Outcome outcome) {
        SyncCommand c = sync(command);
        UUID creatioId = c.entity().creatioId() != null ? c.entity().creatioId() : c.allocatedCreatioId();
        return SyncResult.answering(c, outcome, "test-worker")
                .entity(c.entity().withCreatioId(creatioId))
                .action(c.entity().creatioId() == null ? Action.CREATE : Action.UPDATE)
                .changes(List.of(new FieldChange("Email", Side.CREATIO, null, c.niaSnapshot().get("Email")),
                        new FieldChange("Contact", Side.CREATIO, null, c.niaSnapshot().get("Contact"))))
                .calls(List.of(new CallSummary("POST Lead", 201, 120, null), new CallSummary("GET Lead", 200, 30, null)))
                .creatioModifiedOn(Instant.parse("2026-01-02T03:04:05Z"));
    }

    public static Envelope<SyncResult> envelope(Envelope<Command> command, SyncResult result) {
        return Envelope.result(command, result);
    }

    public static Map<String, Object> snapshotOf(Envelope<Command> command) {
        return sync(command).niaSnapshot();
    }

    /** The single command of the lead, asserting there is exactly one. */
    public static Envelope<Command> only(List<Envelope<Command>> commands) {
        assertThat(commands).hasSize(1);
        return commands.get(0);
    }
}
