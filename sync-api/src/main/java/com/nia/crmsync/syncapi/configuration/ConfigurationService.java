package com.nia.crmsync.syncapi.configuration;

import static com.nia.crmsync.syncapi.repository.NativeValues.instant;
import static java.net.HttpURLConnection.HTTP_BAD_REQUEST;
import static java.net.HttpURLConnection.HTTP_PRECON_FAILED;
import static java.net.HttpURLConnection.HTTP_UNAVAILABLE;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import com.nia.crmsync.messaging.outbox.Outbox;
import com.nia.crmsync.model.Topics;
import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.config.DefaultConfiguration;
import com.nia.crmsync.model.event.Envelope;
import com.nia.crmsync.model.event.EventTypes;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.syncapi.gateway.GatewayProblemException;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * {@code CreatioConfiguration}: every version kept in {@code creatio_configuration}, the newest in
 * force. A change is validated, stored as the next version and published on the compacted config
 * topic through the outbox in the same transaction, so every instance of every service loads it
 * and the next command runs with it, without a restart. The first start stores and publishes the
 * default configuration as version 1.
 */
@ApplicationScoped
public class ConfigurationService {

    /** An arbitrary constant naming the advisory lock that serialises configuration changes. */
    private static final long CHANGE_LOCK = 0x4e49_4143_4647L;

    private final EntityManager em;
    private final Outbox outbox;
    private final CreatioMetadataCheck metadata;

    public ConfigurationService(EntityManager em, Outbox outbox, CreatioMetadataCheck metadata) {
        this.em = em;
        this.outbox = outbox;
        this.metadata = metadata;
    }

    @Transactional
    void seedDefault(@Observes StartupEvent event) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(" + CHANGE_LOCK + ")").getSingleResult();
        if (latestVersion() == 0) {
            store(new ConfigRecord(1, Instant.now(), "system", DefaultConfiguration.create()));
            Log.info("Stored and published the default configuration as version 1");
        }
    }

    /** The configuration in force. */
    @Transactional
    public ConfigRecord current() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                "SELECT version, body::text, updated_at, updated_by FROM creatio_configuration ORDER BY version DESC LIMIT 1")
                .getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(HTTP_UNAVAILABLE, "No configuration yet", "The configuration is being seeded", List.of());
        }
        Object[] row = rows.get(0);
        return new ConfigRecord(((Number) row[0]).longValue(), instant(row[2]), (String) row[3],
                Json.read((String) row[1], CreatioConfiguration.class));
    }

    /**
     * Stores a new version when {@code expectedVersion} is the one in force (else 412), after the
     * structural validation (else 400 naming each field) and the check against Creatio's
     * {@code $metadata} (else 422 naming each unknown set or column; 503 when the gateway cannot
     * answer), and publishes it. The gateway is asked outside the transaction, so no database
     * connection waits for it.
     */
    public ConfigRecord update(CreatioConfiguration configuration, long expectedVersion, String user) {
        var violations = configuration.validate();
        if (!violations.isEmpty()) {
            throw new ProblemException(HTTP_BAD_REQUEST, "Invalid configuration", violations.size() + " problem(s) in the configuration",
                    violations.stream().map(v -> new Problem.FieldError(v.path(), v.message())).toList());
        }
        List<Problem.FieldError> unknown;
        try {
            unknown = metadata.unknownNames(configuration);
        } catch (GatewayProblemException e) {
            throw new ProblemException(HTTP_UNAVAILABLE, "Cannot validate against Creatio now",
                    "The configuration was not saved: its columns cannot be checked against Creatio now (" + e.code() + "); try again later",
                    List.of());
        }
        if (!unknown.isEmpty()) {
            throw new ProblemException(422, "Unknown Creatio names", unknown.size() + " name(s) in the configuration are unknown to Creatio",
                    unknown);
        }
        return QuarkusTransaction.requiringNew().call(() -> storeNext(configuration, expectedVersion, user));
    }

    private ConfigRecord storeNext(CreatioConfiguration configuration, long expectedVersion, String user) {
        em.createNativeQuery("SELECT pg_advisory_xact_lock(" + CHANGE_LOCK + ")").getSingleResult();
        long current = latestVersion();
        if (current != expectedVersion) {
            throw new ProblemException(HTTP_PRECON_FAILED, "Version mismatch",
                    "The configuration is at version " + current + ", not " + expectedVersion + ": read it again and reapply the change", List.of());
        }
        ConfigRecord record = new ConfigRecord(current + 1, Instant.now(), user, configuration);
        store(record);
        return record;
    }

    private void store(ConfigRecord record) {
        em.createNativeQuery("INSERT INTO creatio_configuration (version, body, updated_at, updated_by) VALUES (?1, CAST(?2 AS jsonb), ?3, ?4)")
                .setParameter(1, record.version())
                .setParameter(2, Json.write(record.configuration()))
                .setParameter(3, Timestamp.from(record.updatedAt()))
                .setParameter(4, record.updatedBy())
                .executeUpdate();
        outbox.enqueue(Topics.CONFIG, Envelope.create(EventTypes.CONFIGURATION, ConfigRecord.KEY, record));
    }

    private long latestVersion() {
        Object max = em.createNativeQuery("SELECT coalesce(max(version), 0) FROM creatio_configuration").getSingleResult();
        return ((Number) max).longValue();
    }
}
