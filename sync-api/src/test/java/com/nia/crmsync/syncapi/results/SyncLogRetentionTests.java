package com.nia.crmsync.syncapi.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.syncapi.SyncApiInfrastructure;

/** The sync log keeps entries for the retention period only. */
@QuarkusTest
@SyncApiInfrastructure
class SyncLogRetentionTests {

    @Inject
    SyncLogRetention retention;

    @Inject
    SyncLogRepository log;

    @Test
    void thePurgeDeletesEntriesOlderThanTheRetentionOnly() {
        UUID old = UUID.randomUUID();
        UUID recent = UUID.randomUUID();
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < 7; i++) {
                log.persist(entry(old, now.minus(Duration.ofDays(31 + i))));
            }
            log.persist(entry(recent, now.minus(Duration.ofDays(29))));
        });

        int purged = retention.purge(now.minus(Duration.ofDays(30)));

        assertThat(purged).isGreaterThanOrEqualTo(7);
        assertThat(QuarkusTransaction.requiringNew().call(() -> log.count("localId = ?1", old))).isZero();
        assertThat(QuarkusTransaction.requiringNew().call(() -> log.count("localId = ?1", recent))).isEqualTo(1);
    }

    private static SyncLogEntry entry(UUID localId, Instant at) {
        SyncLogEntry e = new SyncLogEntry();
        e.occurredAt = at;
        e.operation = "update";
        e.level = "info";
        e.entityType = "lead";
        e.localId = localId;
        return e;
    }
}
