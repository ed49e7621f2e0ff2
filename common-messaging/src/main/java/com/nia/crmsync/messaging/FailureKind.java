package com.nia.crmsync.messaging;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * What a failure to process a message says about what to do with it. Consumers classify every
 * failure with {@link #of(Throwable)}: the message is at fault and goes to the dead-letter topic
 * now; the failure passes and the message is tried again; or this instance is misconfigured, so
 * the message is held (never dead-lettered: a good message must not be lost to our own setup).
 * Classes that some services do not have on their class path (JPA, Hibernate, Kafka, OIDC) are
 * recognised by name.
 */
public enum FailureKind {

    /** The message is wrong (bad input, a contract it breaks, or a failure nobody recognises): dead-letter it with the reason. */
    MESSAGE,
    /** A passing condition (a lost race, a lost connection, a timeout): try the message again. */
    TRANSIENT,
    /** This instance is misconfigured (e.g. its OIDC client is refused): hold the message, do not dead-letter it. */
    CONFIGURATION;

    /** Lost races: running the same work again on fresh state may succeed. */
    private static final Set<String> CONCURRENT_CHANGE = Set.of(
            "jakarta.persistence.OptimisticLockException",
            "jakarta.persistence.PessimisticLockException",
            "jakarta.persistence.LockTimeoutException",
            "org.hibernate.StaleStateException");

    /** Other passing conditions, by class name. */
    private static final Set<String> TRANSIENT_TYPES = Set.of(
            "jakarta.persistence.QueryTimeoutException",
            "org.apache.kafka.common.errors.RetriableException",
            "org.hibernate.exception.JDBCConnectionException");

    /** The OIDC client's error, whose message carries the token endpoint's error code. */
    private static final String OIDC_CLIENT_EXCEPTION = "io.quarkus.oidc.client.OidcClientException";
    /** Token endpoint error codes (RFC 6749, 5.2) that no retry can mend: our client or its grant is refused. */
    private static final Set<String> OIDC_CONFIGURATION_ERRORS = Set.of("unauthorized_client", "invalid_client", "invalid_scope",
            "unsupported_grant_type");

    /**
     * Classifies a failure by its whole cause chain: configuration wins over transient, transient
     * over message; anything unrecognised is charged to the message.
     */
    public static FailureKind of(Throwable failure) {
        boolean passing = false;
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (configuration(t)) {
                return CONFIGURATION;
            }
            passing |= transientOne(t);
        }
        return passing ? TRANSIENT : MESSAGE;
    }

    /** Whether the failure lost a race (optimistic version, lock, serialisation, deadlock), anywhere in its cause chain. */
    public static boolean concurrentChange(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (lostRace(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the failure is a passing one that is no lost race: a dependency of this instance (its
     * database, the broker) is away or restarting, or did not answer in time. Trying the same record
     * again after a pause succeeds once it is back; the record is not at fault.
     */
    public static boolean dependencyAway(Throwable failure) {
        return of(failure) == TRANSIENT && !concurrentChange(failure);
    }

    private static boolean lostRace(Throwable t) {
        return isA(t, CONCURRENT_CHANGE)
                || t instanceof SQLException sql && ("40001".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()));
    }

    private static boolean configuration(Throwable t) {
        if (t instanceof MisconfigurationException) {
            return true;
        }
        if (isA(t, Set.of(OIDC_CLIENT_EXCEPTION)) && t.getMessage() != null) {
            return OIDC_CONFIGURATION_ERRORS.stream().anyMatch(t.getMessage()::contains);
        }
        return false;
    }

    private static boolean transientOne(Throwable t) {
        if (lostRace(t) || t instanceof ConnectException || t instanceof SocketTimeoutException || t instanceof UnknownHostException
                || t instanceof TimeoutException || isA(t, TRANSIENT_TYPES)) {
            return true;
        }
        if (t instanceof SQLException sql && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            // 08: connection lost; 53: out of resources; 57P01-03: the server is shutting down or starting
            return state.startsWith("08") || state.startsWith("53") || state.startsWith("57P");
        }
        return false;
    }

    /** Whether the class of {@code t}, or a superclass, has one of the names. */
    private static boolean isA(Throwable t, Set<String> names) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (names.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
