package com.nia.crmsync.gateway.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.gateway.client.CreatioException;
import com.nia.crmsync.gateway.client.ErrorCode;
import com.nia.crmsync.gateway.client.ODataUrls;
import com.nia.crmsync.gateway.config.GatewayConfig;
import com.nia.crmsync.model.command.Lane;

/**
 * Resolves lookup values by name ({@code QualifyStatus} "Qualification", {@code ActivityCategory}
 * "Meeting", ...) to their Creatio {@code Id}, cached for {@code creatio.cache.lookup-ttl}, so
 * the workers never hard-code GUIDs that differ between instances. Names that Creatio versions
 * spell differently are synonyms: an activity category of "Meeting" or "Appointment" finds the
 * same row, whichever name the instance uses.
 */
@ApplicationScoped
public class LookupService {

    /** Names that mean the same row, per lookup set. */
    static final Map<String, List<List<String>>> SYNONYMS = Map.of(
            "ActivityCategory", List.of(List.of("Meeting", "Appointment")),
            "ActivityPriority", List.of(List.of("Medium", "Normal")));

    /** A resolved lookup: its set, the name asked for, the row's Id and the name Creatio uses. */
    public record Resolved(String lookup, String name, UUID id, String creatioName) {
    }

    private final CreatioClient creatio;
    private final MetadataService metadata;
    private final TtlCache<String, Optional<Resolved>> cache;

    public LookupService(CreatioClient creatio, MetadataService metadata, GatewayConfig config) {
        this.creatio = creatio;
        this.metadata = metadata;
        this.cache = new TtlCache<>(config.cache().lookupTtl(), Clock.systemUTC());
    }

    /** The row of {@code lookup} named {@code name} (case-insensitive, synonyms included), if any. */
    public Optional<Resolved> resolve(Lane lane, String lookup, String name) {
        metadata.require(lane, lookup);
        if (name == null || name.isBlank()) {
            throw new CreatioException(ErrorCode.INVALID_REQUEST, 0, "a lookup name is required");
        }
        return cache.get(lookup + "\u0000" + name.trim().toLowerCase(Locale.ROOT), key -> load(lane, lookup, name.trim()));
    }

    /** Forgets every resolved name. */
    public void invalidate() {
        cache.clear();
    }

    private Optional<Resolved> load(Lane lane, String lookup, String name) {
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
                : Optional.of(new Resolved(lookup, name, UUID.fromString(best.getString("Id")), best.getString("Name")));
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
