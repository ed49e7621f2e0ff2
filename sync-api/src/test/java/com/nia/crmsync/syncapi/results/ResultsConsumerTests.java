package com.nia.crmsync.syncapi.results;

import static com.nia.crmsync.syncapi.sync.SyncTestSupport.agreedBase;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.answer;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.envelope;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.records.SyncStatus;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/**
 * The results consumer over the real broker and database: a poll's sync results are applied
 * together (one transaction for many), and a group that fails is applied again one by one, so
 * only the result at fault waits while the others are applied.
 */
@QuarkusTest
@SyncApiInfrastructure
class ResultsConsumerTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncTestSupport support;

    @Inject
    EntityManager em;

    @Test
    void theResultsOfAPollAreAppliedInOneTransaction() {
        List<UUID> leads = newLeads(20);
        List<Envelope<SyncResult>> results = syncedResults(leads);

        kafka.sendTogether(Topics.RESULTS, "results-together-" + UUID.randomUUID(), results.stream().map(Json::write).toList());

        await().atMost(Duration.ofSeconds(30)).until(() -> leads.stream().allMatch(id -> support.row(id).syncStatus() == SyncStatus.SYNCED));
        // the inbox row of each result is stamped with its transaction's start: one stamp per transaction
        // (one per result before results were applied together; a poll may still split the 20 in two or three)
        assertThat(transactionsOf(results)).as("transactions that applied 20 results sent together").isLessThanOrEqualTo(5);
    }

    @Test
    void aGroupThatFailsIsAppliedOneByOneAndOnlyTheResultAtFaultWaits() {
        List<UUID> leads = newLeads(6);
        List<Envelope<SyncResult>> results = syncedResults(leads);
        UUID refused = leads.get(5);
        String trigger = "test_refuse_" + refused.toString().replace('-', '_');
        support.sql("CREATE OR REPLACE FUNCTION test_refuse_sync() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$"
                + " LANGUAGE plpgsql");
        support.sql("CREATE TRIGGER " + trigger + " BEFORE UPDATE ON creatio_sync FOR EACH ROW WHEN (NEW.local_id = '" + refused
                + "') EXECUTE FUNCTION test_refuse_sync()");
        try {
            kafka.sendTogether(Topics.RESULTS, "results-refused-" + UUID.randomUUID(), results.stream().map(Json::write).toList());

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> leads.subList(0, 5).stream().allMatch(id -> support.row(id).syncStatus() == SyncStatus.SYNCED));
            assertThat(support.row(refused).syncStatus()).isNotEqualTo(SyncStatus.SYNCED);
            assertThat(support.row(refused).pendingCommandId).isNotNull();
        } finally {
            support.sql("DROP TRIGGER IF EXISTS " + trigger + " ON creatio_sync");
        }
        // retried in place (the database refused it, nothing says the result is bad): applied once the refusal ends
        await().atMost(Duration.ofSeconds(40)).until(() -> support.row(refused).syncStatus() == SyncStatus.SYNCED);
        assertThat(transactionsOf(results)).isEqualTo(6);
    }

    private List<UUID> newLeads(int n) {
        List<UUID> leads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leads.add(support.newLead());
        }
        return leads;
    }

    /** A SYNCED answer to each lead's command, in the order of {@code leads}. */
    private List<Envelope<SyncResult>> syncedResults(List<UUID> leads) {
        Set<String> keys = leads.stream().map(id -> EntityKey.kafkaKey(EntityType.LEAD, id)).collect(Collectors.toSet());
        Map<String, Envelope<Command>> commands = kafka.readUntil(Topics.COMMANDS_REALTIME,
                        rs -> rs.stream().map(r -> r.key()).filter(keys::contains).distinct().count() == keys.size(), Duration.ofSeconds(30))
                .stream().filter(r -> keys.contains(r.key()))
                .collect(Collectors.toMap(r -> r.key(), r -> Json.readEnvelope(r.value(), Command.class), (a, b) -> a));
        return leads.stream().map(id -> commands.get(EntityKey.kafkaKey(EntityType.LEAD, id))).map(command ->
                envelope(command, answer(command, Outcome.SYNCED).newBase(agreedBase(sync(command))).build())).toList();
    }

    /** How many distinct transactions recorded {@code results} as processed. */
    private long transactionsOf(List<Envelope<SyncResult>> results) {
        List<UUID> ids = results.stream().map(Envelope::eventId).toList();
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                        "SELECT count(DISTINCT processed_at) FROM processed_message WHERE consumer = ?1 AND event_id = ANY(?2)")
                .setParameter(1, ResultApplier.CONSUMER).setParameter(2, ids.toArray(UUID[]::new)).getSingleResult()).longValue());
    }
}
