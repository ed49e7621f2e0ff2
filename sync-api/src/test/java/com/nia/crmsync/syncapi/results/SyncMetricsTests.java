package com.nia.crmsync.syncapi.results;

import static com.nia.crmsync.syncapi.sync.SyncTestSupport.agreedBase;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.answer;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.commands;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.envelope;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.only;
import static com.nia.crmsync.syncapi.sync.SyncTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.model.command.Command;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.result.Failure;
import com.nia.crmsync.model.result.Outcome;
import com.nia.crmsync.syncapi.SyncApiInfrastructure;
import com.nia.crmsync.syncapi.planning.RetryScheduler;
import com.nia.crmsync.syncapi.records.CreatioSync;
import com.nia.crmsync.syncapi.sync.SyncTestSupport;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/**
 * The sync's metrics over the real database: a planned record is out of sync since its plan
 * ({@code pending_since}, kept by the trigger through retries), which the freshness gauge reports;
 * the result that settles it is counted by outcome and its latency recorded; a retry is counted.
 */
@QuarkusTest
@SyncApiInfrastructure
class SyncMetricsTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncTestSupport support;

    @Inject
    RetryScheduler scheduler;

    @Inject
    MeterRegistry registry;

    @Test
    void aRecordIsOutOfSyncFromItsPlanThroughItsRetriesUntilTheResultThatSettlesItWhoseLatencyIsRecorded() {
        double resultsBefore = count("crmsync.sync.results", "outcome", "synced");
        double retriesBefore = registry.get("crmsync.retries.scheduled").tag("entity", "lead").counter().count();
        long latenciesBefore = latencies();

        UUID id = support.newLead();
        Envelope<Command> command = only(commands(kafka, id, 1));
        CreatioSync planned = support.row(id);
        assertThat(planned.pendingSince).as("set by the trigger when the record was planned").isNotNull();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(freshness()).isGreaterThan(0));

        support.apply(envelope(command, answer(command, Outcome.RETRYABLE_FAILURE)
                .failure(new Failure(Failure.Category.TRANSIENT, "503 Service Unavailable", 503, null)).build()));
        assertThat(support.row(id).pendingSince).as("a retry keeps the record out of sync since its first plan")
                .isEqualTo(planned.pendingSince);
        assertThat(registry.get("crmsync.retries.scheduled").tag("entity", "lead").counter().count()).isEqualTo(retriesBefore + 1);

        // the retry, due now, planned and answered synced
        support.sql("UPDATE creatio_sync SET next_retry_at = now() - interval '1 second' WHERE local_id = ?1", id);
        scheduler.planDue(200);
        Envelope<Command> retry = commands(kafka, id, 2).get(1);
        support.apply(envelope(retry, answer(retry, Outcome.SYNCED).newBase(agreedBase(sync(retry))).build()));

        assertThat(support.row(id).pendingSince).as("cleared once the record agrees with Creatio").isNull();
        assertThat(count("crmsync.sync.results", "outcome", "synced")).isEqualTo(resultsBefore + 1);
        assertThat(latencies()).isEqualTo(latenciesBefore + 1);
    }

    private double count(String name, String tag, String value) {
        var counter = registry.find(name).tag("entity", "lead").tag(tag, value).counter();
        return counter == null ? 0 : counter.count();
    }

    private long latencies() {
        var timer = registry.find("crmsync.sync.latency").tag("entity", "lead").timer();
        return timer == null ? 0 : timer.count();
    }

    private double freshness() {
        return registry.get("crmsync.freshness").tag("entity", "lead").gauge().value();
    }
}
