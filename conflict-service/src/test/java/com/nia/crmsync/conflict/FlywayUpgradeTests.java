package com.nia.crmsync.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.nia.crmsync.infra.ServiceDatabase;
import com.nia.crmsync.testkit.InjectPostgres;
import com.nia.crmsync.testkit.TestPostgres;

/**
 * The schema from the service's scripts plus the shared ones (common-messaging {@code db/messaging},
 * common-web {@code db/audit}), configured as in application.properties: on a fresh database, and on
 * one created by 0.1.0-SNAPSHOT before the shared tables' scripts moved, which {@code repair-at-start}
 * mends, keeping its rows. That layout is rebuilt from today's scripts: {@code V1} created
 * {@code processed_message}, {@code V2} the conflict table, the outbox, the audit trail and the index.
 */
@QuarkusTest
@ConflictServiceInfrastructure
class FlywayUpgradeTests {

    @InjectPostgres
    TestPostgres postgres;

    @Test
    void aFreshDatabaseGetsTheSharedTablesFirstThenTheServicesOwn() throws Exception {
        ServiceDatabase db = postgres.provision("conflict_fresh");

        Flyway flyway = current(db);
        flyway.migrate();

        assertThat(flyway.info().applied()).extracting(m -> m.getVersion().getVersion())
                .containsExactly("0.1", "0.2", "0.3", "0.4", "2", "3", "4");
        assertThat(tables(db)).contains("outbox_event", "processed_message", "audit_entry", "sync_conflict");
    }

    @Test
    void aDatabaseOfThePreviousLayoutIsRepairedAndKeepsItsRows() throws Exception {
        ServiceDatabase db = postgres.provision("conflict_previous");
        Flyway.configure().dataSource(db.jdbcUrl(), db.role(), db.password()).schemas(db.role()).defaultSchema(db.role())
                .locations("filesystem:" + previousLayout()).load().migrate();
        try (Connection c = postgres.connectAs(db)) {
            c.createStatement().executeUpdate("INSERT INTO processed_message (consumer, event_id) VALUES ('kept', gen_random_uuid())");
        }

        Flyway flyway = current(db);
        flyway.repair();
        flyway.migrate();

        assertThat(flyway.validateWithResult().validationSuccessful).isTrue();
        List<MigrationInfo> applied = List.of(flyway.info().applied());
        assertThat(applied).filteredOn(m -> m.getState() == MigrationState.OUT_OF_ORDER)
                .extracting(m -> m.getVersion().getVersion()).containsExactly("0.1", "0.2", "0.3", "0.4");
        assertThat(flyway.info().pending()).isEmpty();
        try (Connection c = postgres.connectAs(db);
                ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM processed_message WHERE consumer = 'kept'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    /** The scripts of 0.1.0-SNAPSHOT before the move, in a temporary folder. */
    private static Path previousLayout() throws IOException {
        Path messaging = Path.of("../common-messaging/src/main/resources/db/messaging");
        String processed = Files.readString(messaging.resolve("V0_2__processed_message.sql"));
        String index = processed.substring(processed.indexOf("CREATE INDEX"));
        Path folder = Files.createTempDirectory("conflict-previous-layout");
        Files.writeString(folder.resolve("V1__processed_messages.sql"), processed.substring(0, processed.indexOf("CREATE INDEX")));
        Files.writeString(folder.resolve("V2__sync_conflict_outbox_audit.sql"),
                Files.readString(Path.of("src/main/resources/db/migration/V2__sync_conflict.sql"))
                        + Files.readString(messaging.resolve("V0_1__outbox_event.sql"))
                        + Files.readString(Path.of("../common-web/src/main/resources/db/audit/V0_3__audit_entry.sql"))
                        + index);
        return folder;
    }

    /** The service's Flyway configuration (application.properties), over the source folders. */
    private static Flyway current(ServiceDatabase db) {
        return Flyway.configure().dataSource(db.jdbcUrl(), db.role(), db.password()).schemas(db.role()).defaultSchema(db.role())
                .locations("filesystem:src/main/resources/db/migration", "filesystem:../common-messaging/src/main/resources/db/messaging",
                        "filesystem:../common-web/src/main/resources/db/audit")
                .outOfOrder(true).load();
    }

    private List<String> tables(ServiceDatabase db) throws Exception {
        try (Connection c = postgres.connectAs(db);
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + db.role() + "'")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }
}
