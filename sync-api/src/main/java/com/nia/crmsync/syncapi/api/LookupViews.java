package com.nia.crmsync.syncapi.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.config.FieldMapping;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.entity.LookupValue;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;
import com.nia.crmsync.syncapi.gateway.GatewayClient;
import com.nia.crmsync.syncapi.planning.SyncPlanner;
import com.nia.crmsync.syncapi.records.CreatioSyncRepository;
import com.nia.crmsync.syncapi.records.NiaRecord;

/**
 * The Creatio lookup values of a record view: for each NIA field whose mapping names a lookup set
 * (a lead's {@code status} → {@code QualifyStatusId}), the Creatio id it stands for (the agreed
 * stage while NIA's value still means it, else the value map's) with the row's display name next to
 * it. Names come from creatio-gateway through {@link GatewayClient}, kept in the cache
 * {@value #CACHE} ({@code quarkus.cache.caffeine.lookup-names.expire-after-write}); a gateway that
 * cannot answer leaves the names null and never fails the view. {@link #named} names one lookup id
 * of a view that is no mapped field (the Creatio owner of a meeting or task).
 */
@ApplicationScoped
public class LookupViews {

    /** The cache of display names, per lookup set and id. */
    public static final String CACHE = "lookup-names";

    private final ConfigurationService configuration;
    private final CreatioSyncRepository syncs;
    private final GatewayClient gateway;
    private final Cache cache;

    public LookupViews(ConfigurationService configuration, CreatioSyncRepository syncs, GatewayClient gateway,
            @CacheName(CACHE) Cache cache) {
        this.configuration = configuration;
        this.syncs = syncs;
        this.gateway = gateway;
        this.cache = cache;
    }

    /** NIA field → its lookup value with the name (null for an empty one); empty when the mapping has no lookup field. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<String, LookupValue> of(EntityType type, NiaRecord record) {
        EntityMapping mapping = configuration.current().configuration().mapping(type).orElse(null);
        if (mapping == null || FieldMapper.lookups(mapping).isEmpty()) {
            return Map.of();
        }
        Map<String, Object> agreed = syncs.of(type, record.id()).map(SyncPlanner::agreed).orElse(null);
        Map<String, Object> columns = FieldMapper.toCreatio(mapping, record.fields(), agreed);
        Map<String, UUID> ids = new LinkedHashMap<>();
        Map<String, String> sets = new LinkedHashMap<>();
        for (FieldMapping f : mapping.fields()) {
            if (f.lookup() != null && f.niaField() != null) {
                ids.put(f.niaField(), LookupValue.idOf(CanonicalValues.canonical(columns.get(f.creatioColumn()))));
                sets.put(f.niaField(), f.lookup());
            }
        }
        Map<String, LookupValue> out = new LinkedHashMap<>();
        ids.forEach((field, id) -> out.put(field, id == null ? null
                : new LookupValue(id.toString(), name(sets.get(field), id))));
        return out;
    }

    /** The row {@code id} of the lookup set {@code set} with its display name; null for no id. */
    public LookupValue named(String set, UUID id) {
        return id == null ? null : new LookupValue(id.toString(), name(set, id));
    }

    private String name(String set, UUID id) {
        CaffeineCache names = cache.as(CaffeineCache.class);
        String key = set + "\u0000" + id;
        CompletableFuture<Optional<String>> cached = names.<Optional<String>>getIfPresent(key);
        if (cached != null) {
            return cached.join().orElse(null);
        }
        Map<UUID, String> found = gateway.lookupNames(Map.of(set, List.of(id))).get(set);
        if (found == null) {
            // the gateway could not answer: nothing is cached, the next view asks again
            return null;
        }
        String name = found.get(id);
        names.put(key, CompletableFuture.completedFuture(Optional.ofNullable(name)));
        return name;
    }
}
