package com.nia.crmsync.worker.sync;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.BatchItem;
import com.nia.crmsync.model.gateway.FindResponse;
import com.nia.crmsync.model.gateway.ItemOutcome;
import com.nia.crmsync.model.gateway.PageResponse;
import com.nia.crmsync.model.gateway.ReadManyResponse;
import com.nia.crmsync.worker.gateway.CreatioPort;
import com.nia.crmsync.worker.gateway.GatewayException;

/**
 * An in-memory Creatio behind the {@link CreatioPort}, counting calls the way the gateway
 * does (one per read, find or write; a batch of n items is ceil(n/100) {@code $batch} calls), for
 * the engine's unit tests. End-to-end behaviour against the simulator and the real gateway is
 * proven by the system tests.
 */
final class FakeCreatio implements CreatioPort {

    final Map<String, Map<UUID, Map<String, Object>>> sets = new ConcurrentHashMap<>();
    final List<String> calls = new ArrayList<>();
    final List<Map<String, Object>> patches = new ArrayList<>();
    GatewayException failNext;
    GatewayException failAlways;
    Map<UUID, Integer> rejectInBatch = new LinkedHashMap<>();
    /** Text column sizes per set, as the gateway reads them from {@code $metadata}; reading them is no Creatio call. */
    final Map<String, Map<String, Integer>> maxLengths = new ConcurrentHashMap<>();
    /** The display names of lookup rows, per lookup set (the rows of the lookup sets, by their Name). */
    final Map<String, Map<UUID, String>> names = new ConcurrentHashMap<>();

    Map<String, Object> put(String set, UUID id, Map<String, Object> columns) {
        Map<String, Object> row = new TreeMap<>(columns);
        row.put("Id", id.toString());
        row.put("ModifiedOn", Instant.now().toString());
        sets.computeIfAbsent(set, s -> new ConcurrentHashMap<>()).put(id, row);
        return row;
    }

    Map<String, Object> row(String set, UUID id) {
        return sets.getOrDefault(set, Map.of()).get(id);
    }

    long count(String prefix) {
        return calls.stream().filter(c -> c.startsWith(prefix)).count();
    }

    private void call(String what) {
        calls.add(what);
        if (failAlways != null) {
            throw failAlways;
        }
        if (failNext != null) {
            GatewayException e = failNext;
            failNext = null;
            throw e;
        }
    }

    @Override
    public Optional<Map<String, Object>> get(Lane lane, String set, UUID id, List<String> select) {
        call("get " + set);
        return Optional.ofNullable(row(set, id)).map(TreeMap::new);
    }

    @Override
    public ReadManyResponse read(Lane lane, String set, List<UUID> ids, List<String> select) {
        call("read " + set);
        List<Map<String, Object>> found = new ArrayList<>();
        List<UUID> missing = new ArrayList<>();
        for (UUID id : ids) {
            Map<String, Object> r = row(set, id);
            if (r == null) {
                missing.add(id);
            } else {
                found.add(new TreeMap<>(r));
            }
        }
        return new ReadManyResponse(found, missing, 1);
    }

    @Override
    public FindResponse find(Lane lane, String set, String column, List<String> values, List<String> select) {
        call("find " + set);
        Map<String, List<Map<String, Object>>> matches = new LinkedHashMap<>();
        for (String v : values) {
            List<Map<String, Object>> m = new ArrayList<>();
            for (Map<String, Object> r : sets.getOrDefault(set, Map.of()).values()) {
                Object c = r.get(column);
                if (c != null && c.toString().strip().toLowerCase(Locale.ROOT).equals(v.strip().toLowerCase(Locale.ROOT))) {
                    m.add(new TreeMap<>(r));
                }
            }
            matches.put(v, m);
        }
        return new FindResponse(matches, 1);
    }

    /**
     * Records with {@code ModifiedOn ge since}, ordered by {@code ModifiedOn, Id} (7-digit
     * fractions compared in full, as Creatio does), {@code $top}/{@code $skip} applied.
     */
    @Override
    public PageResponse changes(Lane lane, String set, Instant since, int top, int skip, List<String> select) {
        call("changes " + set);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> r : sets.getOrDefault(set, Map.of()).values()) {
            if (!Instant.parse(String.valueOf(r.get("ModifiedOn"))).isBefore(since)) {
                rows.add(new TreeMap<>(r));
            }
        }
        rows.sort(java.util.Comparator.<Map<String, Object>, Instant>comparing(r -> Instant.parse(String.valueOf(r.get("ModifiedOn"))))
                .thenComparing(r -> UUID.fromString(String.valueOf(r.get("Id")))));
        List<Map<String, Object>> page = rows.stream().skip(skip).limit(top).toList();
        return new PageResponse(page, top, skip, page.size() == top);
    }

    /** Sets a record's {@code ModifiedOn} as Creatio writes it (up to 7 fractional digits). */
    void modifiedOn(String set, UUID id, String modifiedOn) {
        row(set, id).put("ModifiedOn", modifiedOn);
    }

    /** As the gateway answers: a duplicate {@code Id} is read back and answered with the record that exists. */
    @Override
    public Optional<Map<String, Object>> create(Lane lane, String set, UUID id, Map<String, Object> columns) {
        call("create " + set);
        if (row(set, id) != null) {
            return Optional.of(new TreeMap<>(row(set, id)));
        }
        put(set, id, columns);
        return Optional.empty();
    }

    @Override
    public void update(Lane lane, String set, UUID id, Map<String, Object> columns) {
        call("patch " + set);
        patches.add(new TreeMap<>(columns));
        Map<String, Object> r = row(set, id);
        if (r == null) {
            throw new GatewayException(404, "CREATIO_NOT_FOUND", 404, null, "no record");
        }
        r.putAll(columns);
        r.put("ModifiedOn", Instant.now().toString());
    }

    @Override
    public void delete(Lane lane, String set, UUID id) {
        call("delete " + set);
        sets.getOrDefault(set, new ConcurrentHashMap<>()).remove(id);
    }

    @Override
    public Map<String, Integer> maxLengths(Lane lane, String set) {
        return maxLengths.getOrDefault(set, Map.of());
    }

    @Override
    public Map<String, Map<UUID, String>> lookupNames(Lane lane, Map<String, List<UUID>> ids) {
        call("names");
        Map<String, Map<UUID, String>> out = new LinkedHashMap<>();
        ids.forEach((set, values) -> {
            Map<UUID, String> found = new LinkedHashMap<>();
            values.forEach(id -> found.put(id, names.getOrDefault(set, Map.of()).get(id)));
            out.put(set, found);
        });
        return out;
    }

    @Override
    public List<ItemOutcome> batch(Lane lane, List<BatchItem> items) {
        for (int i = 0; i < items.size(); i += 100) {
            call("batch");
        }
        List<ItemOutcome> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            BatchItem item = items.get(i);
            Integer reject = rejectInBatch.get(item.id());
            if (reject != null) {
                out.add(new ItemOutcome(i, item.op(), item.set(), item.id(), false, reject,
                        reject == 400 ? "CREATIO_REJECTED" : "CREATIO_UNAVAILABLE", "refused", false));
                continue;
            }
            if ("create".equals(item.op()) && row(item.set(), item.id()) != null) {
                // Creatio's duplicate key, which the gateway reads back: created already
                out.add(new ItemOutcome(i, item.op(), item.set(), item.id(), true, 201, null, null, true));
                continue;
            }
            switch (item.op()) {
                case "create" -> put(item.set(), item.id(), item.columns());
                case "delete" -> sets.getOrDefault(item.set(), new ConcurrentHashMap<>()).remove(item.id());
                default -> {
                    patches.add(new TreeMap<>(item.columns()));
                    row(item.set(), item.id()).putAll(item.columns());
                }
            }
            out.add(new ItemOutcome(i, item.op(), item.set(), item.id(), true, 204, null, null, false));
        }
        return out;
    }
}
