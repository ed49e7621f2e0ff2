package com.nia.crmsync.gateway.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

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
 * "Meeting", ...) to their Creatio {@code Id}, and ids back to their display names (the row's
 * {@code Name}, read for many ids in one query per set), both cached in {@value #CACHE} for
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

    /** The most ids one name query asks for (its {@code $filter} stays well below URL limits). */
    static final int NAMES_PER_QUERY = 40;

    /** The empty lookup: Creatio's value of a lookup column that points nowhere. */
    private static final UUID ZERO = new UUID(0, 0);

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

    /**
     * The display names of lookup rows: per set, id → {@code Name}, null for an id with no row, a
     * set Creatio does not have or one without a {@code Name} column; the empty lookup (the zero
     * GUID) is null without asking. Ids already resolved come from the cache; the others of a set
     * are read in queries of at most {@value #NAMES_PER_QUERY} ids.
     */
    public Map<String, Map<UUID, String>> names(Lane lane, Map<String, List<UUID>> ids) {
        Map<String, Map<UUID, String>> out = new LinkedHashMap<>();
        CaffeineCache names = cache.as(CaffeineCache.class);
        for (Map.Entry<String, List<UUID>> e : ids.entrySet()) {
            Map<UUID, String> found = new LinkedHashMap<>();
            out.put(e.getKey(), found);
            boolean named = metadata.entitySet(lane, e.getKey()).map(set -> set.columns().containsKey("Name")).orElse(false);
            List<UUID> missing = new ArrayList<>();
            for (UUID id : new LinkedHashSet<>(e.getValue() == null ? List.<UUID>of() : e.getValue())) {
                if (id == null) {
                    continue;
                }
                found.put(id, null);
                if (!named || ZERO.equals(id)) {
                    continue;
                }
                CompletableFuture<Optional<String>> cached = names.<Optional<String>>getIfPresent(nameKey(e.getKey(), id));
                if (cached == null) {
                    missing.add(id);
                } else {
                    found.put(id, cached.join().orElse(null));
                }
            }
            for (int from = 0; from < missing.size(); from += NAMES_PER_QUERY) {
                List<UUID> chunk = missing.subList(from, Math.min(missing.size(), from + NAMES_PER_QUERY));
                Map<UUID, String> read = readNames(lane, e.getKey(), chunk);
                for (UUID id : chunk) {
                    String name = read.get(id);
                    found.put(id, name);
                    names.put(nameKey(e.getKey(), id), CompletableFuture.completedFuture(Optional.ofNullable(name)));
                }
            }
        }
        return out;
    }

    private Map<UUID, String> readNames(Lane lane, String lookup, List<UUID> ids) {
        Map<String, String> options = ODataUrls.options();
        options.put("$filter", ids.stream().map(id -> "Id eq " + id).collect(Collectors.joining(" or ")));
        options.put("$select", "Id,Name");
        options.put("$top", String.valueOf(ids.size()));
        JsonArray rows = creatio.query(lane, lookup, ODataUrls.query(options)).getJsonArray("value", new JsonArray());
        Map<UUID, String> read = new LinkedHashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            JsonObject row = rows.getJsonObject(i);
            read.put(UUID.fromString(row.getString("Id")), row.getString("Name"));
        }
        return read;
    }

    private static String nameKey(String lookup, UUID id) {
        return "#" + lookup + "\u0000" + id;
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
