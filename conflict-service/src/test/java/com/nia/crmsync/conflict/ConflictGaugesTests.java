package com.nia.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.conflict.repository.SyncConflictRepository;
import com.nia.crmsync.model.entity.EntityKey;
import com.nia.crmsync.testkit.InjectKafka;
import com.nia.crmsync.testkit.TestKafka;

/** {@code crmsync.conflicts.pending} ({@code metrics.ConflictGauges}) reports, per type, the pending conflicts the database holds. */
@QuarkusTest
@ConflictServiceInfrastructure
class ConflictGaugesTests {

    @InjectKafka
    TestKafka kafka;

    @Inject
    SyncConflictRepository repository;

    @Inject
    MeterRegistry registry;

    @Test
    void aNewPendingFieldMismatchShowsInThePendingGaugeOfItsType() {
        EntityKey lead = Conflicts.newLead();
        Conflicts.publishMismatches(kafka, Conflicts.manual(lead, "MobilePhone", "+49 30 1", "+49 30 2", "+49 30 3", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> Conflicts.of(repository, lead).size() == 1);
        long pending = QuarkusTransaction.requiringNew().call(() -> repository.count("status = 'pending' and conflictType = 'field_mismatch'"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(registry.get("crmsync.conflicts.pending").tag("type", "field_mismatch").gauge().value())
                        .isEqualTo((double) pending));
        assertThat(pending).isPositive();
    }
}
