package com.nia.crmsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

import com.nia.crmsync.infra.PostgresServer;
import com.nia.crmsync.infra.ServiceDatabase;
import com.nia.crmsync.model.Topics;

/** The launchers behind the test resources, over the real broker and server. */
class SharedInfrastructureTests {

    @Test
    void createsEveryContractTopicWithItsPartitionCount() throws Exception {
        TestKafka kafka = SharedInfrastructure.kafka();
        try (Admin admin = kafka.admin()) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL.stream().map(Topics.Spec::name).toList())
                    .allTopicNames().get();
            for (Topics.Spec spec : Topics.ALL) {
                assertThat(topics.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            }
        }
    }

    @Test
    void publishesAndReadsBackARawRecord() {
        TestKafka kafka = SharedInfrastructure.kafka();
        String key = "k-" + UUID.randomUUID();
        kafka.send(Topics.SYNC_REQUESTS, key, "{\"raw\":true}", Map.of("origin", "test"));
        var read = kafka.readUntil(Topics.SYNC_REQUESTS, rs -> rs.stream().anyMatch(r -> key.equals(r.key())), Duration.ofSeconds(30));
        var rec = read.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        assertThat(rec.value()).isEqualTo("{\"raw\":true}");
        assertThat(TestKafka.header(rec, "origin")).isEqualTo("test");
    }

    @Test
    void givesEachServiceARoleThatCannotReadAnotherServicesSchema() throws SQLException {
        PostgresServer server = SharedInfrastructure.postgres();
        ServiceDatabase owner = server.provision("owner_svc");
        ServiceDatabase other = server.provision("other_svc");
        TestPostgres pg = new TestPostgres(server, owner);
        try (Connection c = pg.connect()) {
            c.createStatement().execute("CREATE TABLE IF NOT EXISTS owned (id int)");
            c.createStatement().execute("INSERT INTO owned VALUES (1)");
            assertThat(c.createStatement().executeQuery("SELECT count(*) FROM owner_svc.owned").next()).isTrue();
        }
        try (Connection c = pg.connectAs(other)) {
            assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT * FROM owner_svc.owned"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }
}
