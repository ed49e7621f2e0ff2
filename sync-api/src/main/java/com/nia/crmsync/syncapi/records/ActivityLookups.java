package com.nia.crmsync.syncapi.records;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;

import com.nia.crmsync.syncapi.gateway.GatewayClient;
import com.nia.crmsync.syncapi.gateway.GatewayProblemException;

/**
 * Activity categories by name ("Meeting", "To do"), resolved through the gateway's cached lookup so
 * that no instance-specific GUID is hard-coded; a name found is kept for an hour here too, a failure
 * is not kept (the record waits and is looked at again).
 */
@ApplicationScoped
public class ActivityLookups {

    static final Duration KEEP = Duration.ofHours(1);
    /** A failed resolution is not asked again for this long (records waiting on it are checked often). */
    static final Duration KEEP_FAILURE = Duration.ofSeconds(10);

    private record Found(UUID id, Instant at) {
    }

    private final GatewayClient gateway;
    private final Map<String, Found> categories = new ConcurrentHashMap<>();
    private final Map<String, Instant> failures = new ConcurrentHashMap<>();

    public ActivityLookups(GatewayClient gateway) {
        this.gateway = gateway;
    }

    /** Forgets the names not found (a new configuration may have made them findable, or named others). */
    public void forgetFailures() {
        failures.clear();
    }

    /** The {@code ActivityCategory} named {@code name}; empty when Creatio has none or cannot be asked now. */
    public Optional<UUID> category(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String key = name.strip().toLowerCase(Locale.ROOT);
        Found found = categories.get(key);
        if (found != null && found.at().plus(KEEP).isAfter(Instant.now())) {
            return Optional.of(found.id());
        }
        Instant failed = failures.get(key);
        if (failed != null && failed.plus(KEEP_FAILURE).isAfter(Instant.now())) {
            return Optional.empty();
        }
        try {
            Optional<UUID> id = gateway.lookup("ActivityCategory", name.strip());
            id.ifPresentOrElse(v -> categories.put(key, new Found(v, Instant.now())), () -> {
                failures.put(key, Instant.now());
                Log.warnf("Creatio has no activity category named '%s'", name);
            });
            return id;
        } catch (GatewayProblemException e) {
            failures.put(key, Instant.now());
            Log.warnf("Activity category '%s' not resolved now: %s", name, e.getMessage());
            return Optional.empty();
        }
    }
}
