package com.nia.crmsync.gateway.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.gateway.client.ODataUrls;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.LookupRow;

/**
 * Resolves lookup values by name ({@code QualifyStatus} "Qualification", {@code ActivityCategory}
 * "Meeting", ...) to their Creatio {@code Id}, cached in {@value #CACHE} for
 * {@code creatio.cache.lookup-ttl}, so the workers never hard-code GUIDs that differ between
 * instances. Concurrent misses of one name share one Creatio call, made outside the cache's lock. Names that Creatio versions
 * spell differently are synonyms: an activity category of "Meeting" or "Appointment" finds the
 * same row, whichever name the instance uses.
 */
@ApplicationScoped
public class LookupService {

    /** Names that mean the same row, per lookup set. */
    static final Map<String, List<List<String>>> SYNONYMS = Map.of(
            "ActivityCategory", List.of(List.of("Meeting", "Appointment")),
            "ActivityPriority", List.of(List.of("Medium", "Normal")));

    /** The cache of resolved names (its lifetime: {@code quarkus.cache.caffeine.creatio-lookups.expire-after-write}). */
    public static final String CACHE = "creatio-lookups";

    private final CreatioClient creatio;
    private final MetadataService metadata;
    private final Cache cache;

    public LookupService(CreatioClient creatio, MetadataService metadata, @CacheName(CACHE) Cache cache) {
        this.creatio = creatio;
        this.metadata = metadata;
        this.cache = cache;
    }

    /** The row of {@code lookup} named {@code name} (case-insensitive, synonyms included), if any. */
    public Optional<LookupRow> resolve(Lane lane, String lookup, String name) {
        metadata.require(lane, lookup);
        if (name == null || name.isBlank()) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "a lookup name is required");
        }
        // the resources run on worker threads: waiting for the cache (or for another caller's load) blocks no event loop
        return cache.<String, Optional<LookupRow>>get(lookup + "\u0000" + name.trim().toLowerCase(Locale.ROOT),
                key -> load(lane, lookup, name.trim())).await().indefinitely();
    }

    /** Forgets every resolved name. */
    public void invalidate() {
        cache.invalidateAll().await().indefinitely();
    }

    private Optional<LookupRow> load(Lane lane, String lookup, String name) {
        List<String> names = namesFor(lookup, name);
        String filter = names.stream().map(n -> "Name eq " + ODataUrls.literal(n)).collect(Collectors.joining(" or "));
        Map<String, String> options = ODataUrls.options();
        options.put("$filter", filter);
        options.put("$select", "Id,Name");
        options.put("$top", "10");
        JsonArray rows = creatio.query(lane, lookup, ODataUrls.query(options)).getJsonArray("value", new JsonArray());
        // prefer the exact name asked for over a synonym
        JsonObject best = null;
        for (int i = 0; i < rows.size(); i++) {
            JsonObject row = rows.getJsonObject(i);
            if (best == null || row.getString("Name", "").equalsIgnoreCase(name)) {
                best = row;
            }
        }
        return best == null ? Optional.empty()
                : Optional.of(new LookupRow(lookup, name, UUID.fromString(best.getString("Id")), best.getString("Name")));
    }

    static List<String> namesFor(String lookup, String name) {
        List<String> names = new ArrayList<>(List.of(name));
        for (List<String> group : SYNONYMS.getOrDefault(lookup, List.of())) {
            if (group.stream().anyMatch(n -> n.equalsIgnoreCase(name))) {
                group.stream().filter(n -> !n.equalsIgnoreCase(name)).forEach(names::add);
            }
        }
        return names;
    }
}
