package com.nia.crmsync.testkit;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The optional container-based infrastructure for people who have Docker
 * ({@code NIA_INFRA=testcontainers}). Never the only path: without Docker the default launchers
 * need nothing but a JDK.
 */
final class ContainerInfrastructure {

    private static KafkaContainer kafka;
    private static PostgreSQLContainer postgres;

    private ContainerInfrastructure() {
    }

    static synchronized String kafkaBootstrapServers() {
        requireDocker();
        if (kafka == null) {
            kafka = new KafkaContainer("apache/kafka:4.1.2");
            kafka.start();
        }
        return kafka.getBootstrapServers();
    }

    static synchronized String postgresAdminUrl() {
        requireDocker();
        if (postgres == null) {
            postgres = new PostgreSQLContainer("postgres:17-alpine");
            postgres.start();
        }
        return "jdbc:postgresql://" + postgres.getHost() + ":" + postgres.getFirstMappedPort() + "/postgres?user="
                + postgres.getUsername() + "&password=" + postgres.getPassword();
    }

    private static void requireDocker() {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            throw new IllegalStateException("NIA_INFRA=testcontainers was asked for, but no Docker engine is reachable;"
                    + " unset it to use the Maven-artifact launchers");
        }
    }
}
