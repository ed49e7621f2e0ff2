package com.nia.crmsync.syncapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.messaging.inbox.ProcessedMessagesRetention;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestPostgres;

/** Processed-message rows are cleaned up by age, and only those. */
@QuarkusTest
@SyncApiInfrastructure
class ProcessedMessagesRetentionTests {

    @InjectPostgres
    TestPostgres postgres;

    @Inject
    ProcessedMessagesRetention retention;

    @Test
    void rowsOlderThanTheRetentionAreDeletedAndNewerOnesStay() throws Exception {
        String consumer = "retention-test-" + UUID.randomUUID();
        try (Connection c = postgres.connect()) {
            for (int i = 0; i < 7; i++) {
                c.createStatement().executeUpdate("INSERT INTO processed_message (consumer, event_id, processed_at) VALUES ('"
                        + consumer + "', '" + UUID.randomUUID() + "', now() - interval '" + (i < 5 ? 10 : 1) + " days')");
            }
        }

        int deleted = retention.purge(Instant.now().minus(Duration.ofDays(8)));

        assertThat(deleted).isGreaterThanOrEqualTo(5);
        try (Connection c = postgres.connect(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM processed_message WHERE consumer = '" + consumer + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(2);
        }
    }
}
