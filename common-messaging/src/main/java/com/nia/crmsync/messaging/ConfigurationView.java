package com.nia.crmsync.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;

import com.nia.crmsync.model.config.ConfigRecord;
import com.nia.crmsync.model.json.ConfigDocuments;
import com.nia.crmsync.model.json.Json;

/**
 * The configuration this instance has loaded from the compacted topic {@code crm.sync.config.v1}.
 * Every instance reads the whole topic itself (a consumer group of its own, from the earliest
 * offset), so a change reaches every replica. A command planned with a newer version than the one
 * loaded waits for it ({@link #awaitAtLeast}), and never runs on an older one. An older record
 * arriving late never replaces a newer one. A record published in camelCase before the document
 * became snake_case is still read ({@link ConfigDocuments}).
 */
@ApplicationScoped
public class ConfigurationView {

    /** The incoming channel every Kafka-connected service configures for the config topic. */
    public static final String CHANNEL = "config-in";

    private final AtomicReference<ConfigRecord> current = new AtomicReference<>();
    private final Object changed = new Object();
    private final ShutdownState shutdown;

    public ConfigurationView(ShutdownState shutdown) {
        this.shutdown = shutdown;
    }

    @Incoming(CHANNEL)
    public void onConfiguration(String json) {
        ConfigRecord record;
        try {
            JsonNode payload = Json.readEnvelope(json, JsonNode.class).payload();
            record = payload == null || payload.isNull() ? null : ConfigDocuments.record(payload);
            if (record == null || record.configuration() == null || !record.configuration().validate().isEmpty()) {
                Log.warnf("Ignoring an invalid configuration record (%s)", record == null ? "no payload" : record.configuration() == null
                        ? "no configuration" : record.configuration().validate());
                return;
            }
        } catch (RuntimeException e) {
            // the config topic is written by sync-api alone; a record it cannot read must not stop the others
            Log.warnf("Ignoring an unreadable configuration record: %s", e.getMessage());
            return;
        }
        ConfigRecord now = current.accumulateAndGet(record, (old, fresh) -> old == null || fresh.version() > old.version() ? fresh : old);
        if (now == record) {
            Log.infof("Configuration version %d loaded (by %s at %s)", record.version(), record.updatedBy(), record.updatedAt());
        }
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** The loaded configuration, if any has arrived yet. */
    public Optional<ConfigRecord> current() {
        return Optional.ofNullable(current.get());
    }

    /** The loaded version, or -1 before the first record. */
    public long version() {
        ConfigRecord record = current.get();
        return record == null ? -1 : record.version();
    }

    /**
     * Blocks until a configuration of at least {@code version} is loaded, or the timeout passes, or
     * the application shuts down; returns it, or empty.
     */
    public Optional<ConfigRecord> awaitAtLeast(long version, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (changed) {
            while (true) {
                ConfigRecord record = current.get();
                if (record != null && record.canRun(version)) {
                    return Optional.of(record);
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0 || shutdown.shuttingDown()) {
                    return Optional.empty();
                }
                try {
                    changed.wait(Math.min(left, 500));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }
}
