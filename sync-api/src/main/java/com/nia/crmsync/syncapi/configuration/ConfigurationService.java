package com.nia.crmsync.syncapi.configuration;

import static com.nia.crmsync.syncapi.repository.NativeValues.instant;
import static java.net.HttpURLConnection.HTTP_BAD_REQUEST;
import static java.net.HttpURLConnection.HTTP_PRECON_FAILED;
import static java.net.HttpURLConnection.HTTP_UNAVAILABLE;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionSynchronizationRegistry;
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

    /** The key of the configuration a transaction has read ({@link #current}). */
    private static final String IN_FORCE = ConfigurationService.class.getName() + ".in-force";

    private final CreatioConfigurationRepository versions;
    private final Outbox outbox;
    private final CreatioMetadataCheck metadata;
    private final TransactionSynchronizationRegistry transactions;

    public ConfigurationService(CreatioConfigurationRepository versions, Outbox outbox, CreatioMetadataCheck metadata,
            TransactionSynchronizationRegistry transactions) {
        this.versions = versions;
        this.outbox = outbox;
        this.metadata = metadata;
        this.transactions = transactions;
    }

    @Transactional
    void seedDefault(@Observes StartupEvent event) {
        versions.lockChanges();
        if (versions.latestVersion() == 0) {
            store(new ConfigRecord(1, Instant.now(), "system", DefaultConfiguration.create()));
            Log.info("Stored and published the default configuration as version 1");
        }
    }

    /**
     * The configuration in force, read once per transaction: a run's batch of 500 records or a pulled
     * page asked for it per record, each time a query and a JSON document to parse (a quarter of the
     * planning's time). A transaction sees one version throughout; a change committed meanwhile is
     * seen by the next transaction, and one this transaction stores at once.
     */
    @Transactional
    public ConfigRecord current() {
        if (transactions.getResource(IN_FORCE) instanceof ConfigRecord read) {
            return read;
        }
        Optional<ConfigRecord> latest = versions.latest();
        if (latest.isEmpty()) {
            throw new ProblemException(HTTP_UNAVAILABLE, "No configuration yet", "The configuration is being seeded", List.of());
        }
        transactions.putResource(IN_FORCE, latest.get());
        return latest.get();
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
        versions.lockChanges();
        long current = versions.latestVersion();
        if (current != expectedVersion) {
            throw new ProblemException(HTTP_PRECON_FAILED, "Version mismatch",
                    "The configuration is at version " + current + ", not " + expectedVersion + ": read it again and reapply the change", List.of());
        }
        ConfigRecord record = new ConfigRecord(current + 1, Instant.now(), user, configuration);
        store(record);
        return record;
    }

    private void store(ConfigRecord record) {
        versions.insert(record);
        transactions.putResource(IN_FORCE, record);
        outbox.enqueue(Topics.CONFIG, Envelope.create(EventTypes.CONFIGURATION, ConfigRecord.KEY, record));
    }
}
