package com.nia.crmsync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;

import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The optional container path, for people who have Docker. Without a Docker engine JUnit reports
 * these tests as skipped (with the reason), never as passed.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerInfrastructureTests {

    @Test
    void startsKafkaAndPostgresInContainers() throws Exception {
        try (Admin admin = new TestKafka(ContainerInfrastructure.kafkaBootstrapServers()).admin()) {
            assertThat(admin.describeCluster().nodes().get()).isNotEmpty();
        }
        try (Connection c = DriverManager.getConnection(ContainerInfrastructure.postgresAdminUrl());
                ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
    }
}
