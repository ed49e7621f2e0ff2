package com.nia.crmsync.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;
import jakarta.persistence.QueryTimeoutException;

import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.oidc.client.OidcClientException;

import com.fasterxml.jackson.core.JsonParseException;

/** Every kind of failure a consumer meets, and what it is classified as: alone, wrapped, and mixed with others. */
class FailureKindTests {

    static Stream<Arguments> failures() {
        return Stream.of(
                // the message is at fault, or nobody knows: dead-letter it
                Arguments.of(new IllegalArgumentException("invalid event: /type"), FailureKind.MESSAGE),
                Arguments.of(new IllegalStateException("no such lead"), FailureKind.MESSAGE),
                Arguments.of(new RuntimeException("unknown"), FailureKind.MESSAGE),
                Arguments.of(new NullPointerException(), FailureKind.MESSAGE),
                Arguments.of(new UncheckedIOException(new JsonParseException(null, "not JSON")), FailureKind.MESSAGE),
                Arguments.of(new UncheckedIOException(new IOException("closed")), FailureKind.MESSAGE),
                Arguments.of(new SQLException("duplicate key", "23505"), FailureKind.MESSAGE),
                Arguments.of(new SQLException("no column", "42703"), FailureKind.MESSAGE),
                Arguments.of(new SQLException("no state"), FailureKind.MESSAGE),
                Arguments.of(new ConstraintViolationException("fk", new SQLException("fk", "23503"), "fk_lead"), FailureKind.MESSAGE),
                Arguments.of(new RecordTooLargeException("too large"), FailureKind.MESSAGE),
                Arguments.of(new OidcClientException("connection refused"), FailureKind.MESSAGE),
                Arguments.of(new OidcClientException(null), FailureKind.MESSAGE),
                // a passing condition: try again
                Arguments.of(new OptimisticLockException("version"), FailureKind.TRANSIENT),
                Arguments.of(new PessimisticLockException("lock"), FailureKind.TRANSIENT),
                Arguments.of(new LockTimeoutException("lock timeout"), FailureKind.TRANSIENT),
                Arguments.of(new StaleStateException("stale"), FailureKind.TRANSIENT),
                Arguments.of(new StaleObjectStateException("Lead", 1), FailureKind.TRANSIENT),
                Arguments.of(new QueryTimeoutException("slow"), FailureKind.TRANSIENT),
                Arguments.of(new JDBCConnectionException("gone", new SQLException("gone", "08006")), FailureKind.TRANSIENT),
                Arguments.of(new SQLException("serialization", "40001"), FailureKind.TRANSIENT),
                Arguments.of(new SQLException("deadlock", "40P01"), FailureKind.TRANSIENT),
                Arguments.of(new SQLException("connection failure", "08006"), FailureKind.TRANSIENT),
                Arguments.of(new SQLException("too many connections", "53300"), FailureKind.TRANSIENT),
                Arguments.of(new SQLException("admin shutdown", "57P01"), FailureKind.TRANSIENT),
                Arguments.of(new SQLException("cannot connect now", "57P03"), FailureKind.TRANSIENT),
                Arguments.of(new ConnectException("refused"), FailureKind.TRANSIENT),
                Arguments.of(new SocketTimeoutException("read timed out"), FailureKind.TRANSIENT),
                Arguments.of(new UnknownHostException("gateway"), FailureKind.TRANSIENT),
                Arguments.of(new TimeoutException("no ack"), FailureKind.TRANSIENT),
                Arguments.of(new NotLeaderOrFollowerException("election"), FailureKind.TRANSIENT),
                // this instance is misconfigured: hold the message
                Arguments.of(new MisconfigurationException("no mapping for Lead"), FailureKind.CONFIGURATION),
                Arguments.of(new OidcClientException("Token request failed: {\"error\":\"unauthorized_client\"}"), FailureKind.CONFIGURATION),
                Arguments.of(new OidcClientException("invalid_client"), FailureKind.CONFIGURATION),
                Arguments.of(new OidcClientException("invalid_scope"), FailureKind.CONFIGURATION),
                Arguments.of(new OidcClientException("unsupported_grant_type"), FailureKind.CONFIGURATION));
    }

    @ParameterizedTest
    @MethodSource("failures")
    void classifiesAFailureByItself(Throwable failure, FailureKind expected) {
        assertThat(FailureKind.of(failure)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("failures")
    void classifiesAFailureWrappedTwiceTheSame(Throwable failure, FailureKind expected) {
        assertThat(FailureKind.of(new CompletionException(new RuntimeException("wrapped", failure)))).isEqualTo(expected);
    }

    @Test
    void aConfigurationCauseAnywhereWinsOverATransientOne() {
        Throwable failure = new RuntimeException(new SQLException("lost", "08006", new MisconfigurationException("no client")));

        assertThat(FailureKind.of(failure)).isEqualTo(FailureKind.CONFIGURATION);
    }

    @Test
    void aTransientCauseAnywhereWinsOverAMessageOne() {
        Throwable failure = new IllegalArgumentException("bad", new ConnectException("refused"));

        assertThat(FailureKind.of(failure)).isEqualTo(FailureKind.TRANSIENT);
    }

    @Test
    void aCauseChainThatPointsAtItselfEnds() {
        RuntimeException self = new RuntimeException("self") {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };

        assertThat(FailureKind.of(self)).isEqualTo(FailureKind.MESSAGE);
        assertThat(FailureKind.concurrentChange(self)).isFalse();
    }

    @Test
    void aConcurrentChangeIsOnlyALostRace() {
        assertThat(FailureKind.concurrentChange(new RuntimeException(new OptimisticLockException("v")))).isTrue();
        assertThat(FailureKind.concurrentChange(new SQLException("serialization", "40001"))).isTrue();
        assertThat(FailureKind.concurrentChange(new SQLException("deadlock", "40P01"))).isTrue();
        assertThat(FailureKind.concurrentChange(new SQLException("lost", "08006"))).isFalse();
        assertThat(FailureKind.concurrentChange(new ConnectException("refused"))).isFalse();
        assertThat(FailureKind.concurrentChange(new IllegalArgumentException("bad"))).isFalse();
    }

    @Test
    void aDependencyAwayIsAPassingFailureThatIsNoLostRace() {
        // what a PostgreSQL restart threw at the consumers in the long chaos run (docs/reliability.md)
        assertThat(FailureKind.dependencyAway(new JDBCConnectionException("Unable to acquire JDBC Connection",
                new SQLException("Connection to 127.0.0.1:42719 refused", "08001")))).isTrue();
        assertThat(FailureKind.dependencyAway(new RuntimeException(new SQLException("the database system is starting up", "57P03"))))
                .isTrue();
        assertThat(FailureKind.dependencyAway(new SQLException("An I/O error occurred while sending to the backend", "08006"))).isTrue();
        assertThat(FailureKind.dependencyAway(new ConnectException("refused"))).isTrue();
        assertThat(FailureKind.dependencyAway(new SQLException("deadlock", "40P01"))).isFalse();
        assertThat(FailureKind.dependencyAway(new OptimisticLockException("v"))).isFalse();
        assertThat(FailureKind.dependencyAway(new IllegalStateException("no such lead"))).isFalse();
        assertThat(FailureKind.dependencyAway(new MisconfigurationException("no client"))).isFalse();
    }
}
