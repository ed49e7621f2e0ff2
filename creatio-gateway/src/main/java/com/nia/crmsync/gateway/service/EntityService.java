package com.nia.crmsync.gateway.service;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import com.nia.crmsync.gateway.budget.BudgetExhaustedException;
import com.nia.crmsync.gateway.client.CreatioClient;
import com.nia.crmsync.gateway.client.ODataErrors;
import com.nia.crmsync.gateway.client.ODataUrls;
import com.nia.crmsync.gateway.config.GatewayConfig;
import com.nia.crmsync.gateway.failure.CreatioException;
import com.nia.crmsync.gateway.failure.ErrorCode;
import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.config.CreatioConfiguration;
import com.nia.crmsync.model.gateway.BatchItem;
import com.nia.crmsync.model.gateway.ItemOutcome;

/**
 * The workers' Creatio operations on any entity set, each checked against {@code $metadata}
 * first: reads by id and by many ids ({@code or} filters on {@code Id}, split so no URL passes
 * {@code creatio.http.max-url-length}), finds by a column's values (the same {@code or} filters,
 * grouped back to the values asked for), pages of records changed since a time (stable
 * {@code $orderby=ModifiedOn,Id}, never more than 20,000 rows), creates with the caller's
 * {@code Id}, partial updates, deletes, and batches split into {@code $batch} calls of at most
 * 100 writes with per-item outcomes.
 */
@ApplicationScoped
public class EntityService {

    /** A page of a changed-since read; {@code mayHaveMore} when the page came back full. */
    public record Page(List<JsonObject> records, int top, int skip, boolean mayHaveMore) {
    }

    /** A read of many ids: the records found and the ids Creatio does not have. */
    public record Many(List<JsonObject> records, List<UUID> missing, int creatioCalls) {
    }

    /** A find by column: every requested value, as sent, with the records whose column matches it (empty when none). */
    public record Found(Map<String, List<JsonObject>> matches, int creatioCalls) {
    }

    /** Most values one find may ask for. */
    public static final int MAX_FIND_VALUES = 1000;

    private final CreatioClient creatio;
    private final MetadataService metadata;
    private final int maxUrlLength;

    public EntityService(CreatioClient creatio, MetadataService metadata, GatewayConfig config) {
        this.creatio = creatio;
        this.metadata = metadata;
        this.maxUrlLength = config.http().maxUrlLength();
    }

    public Optional<JsonObject> get(Lane lane, String set, UUID id, List<String> select) {
        metadata.requireColumns(lane, set, select, false);
        return creatio.get(lane, set, id, select);
    }

    public Many getMany(Lane lane, String set, List<UUID> ids, List<String> select) {
        metadata.requireColumns(lane, set, select, false);
        Set<UUID> wanted = new LinkedHashSet<>(ids);
        List<JsonObject> found = new ArrayList<>();
        int calls = 0;
        Function<List<UUID>, String> query = chunk -> anyOfQuery("Id", chunk.stream().map(UUID::toString).toList(), select, chunk.size());
        for (List<UUID> chunk : chunksByUrlLength(set, new ArrayList<>(wanted), query)) {
            found.addAll(values(creatio.query(lane, set, query.apply(chunk))));
            calls++;
        }
        Set<UUID> missing = new LinkedHashSet<>(wanted);
        found.forEach(record -> missing.remove(UUID.fromString(record.getString("Id"))));
        return new Many(found, new ArrayList<>(missing), calls);
    }

    /**
     * The records whose {@code column} equals any of {@code values}, in as few calls as
     * {@link #getMany} makes, grouped back to each value as the caller sent it. String columns
     * match ignoring case and surrounding whitespace (Creatio's SQL Server collation ignores case;
     * the grouping compares trimmed, lower-cased texts); Guid columns compare GUIDs, a lookup
     * column ({@code AccountId}) through its navigation path ({@code Account/Id}) since Creatio
     * refuses a filter on the scalar key. Null values are skipped, blank ones answered empty.
     */
    public Found findByColumn(Lane lane, String set, String column, List<String> values, List<String> select) {
        if (column == null || column.isBlank()) {
            throw invalid("column is required");
        }
        if (values == null || values.isEmpty()) {
            throw invalid("values must not be empty");
        }
        if (values.size() > MAX_FIND_VALUES) {
            throw invalid("at most " + MAX_FIND_VALUES + " values per find, got " + values.size());
        }
        Set<String> columns = new LinkedHashSet<>(List.of(column));
        columns.addAll(select);
        metadata.requireColumns(lane, set, columns, false);
        EntitySetInfo info = metadata.require(lane, set);
        String type = info.columns().get(column);
        boolean guid = "Edm.Guid".equals(type);
        if (!guid && !"Edm.String".equals(type)) {
            throw invalid("find compares Edm.String or Edm.Guid columns; " + set + "." + column + " is " + type);
        }
        Function<String, Object> key = guid ? text -> guidOrInvalid(column, text) : text -> text.trim().toLowerCase(Locale.ROOT);
        // each normalised key is asked for once, as its first variant; every variant gets its records
        Map<String, List<JsonObject>> matches = new LinkedHashMap<>();
        Map<Object, List<String>> requestedByKey = new LinkedHashMap<>();
        Map<Object, String> literalByKey = new LinkedHashMap<>();
        for (String value : values) {
            if (value == null || matches.containsKey(value)) {
                continue;
            }
            matches.put(value, new ArrayList<>());
            if (value.isBlank()) {
                continue;
            }
            Object normalised = key.apply(value);
            requestedByKey.computeIfAbsent(normalised, k -> new ArrayList<>()).add(value);
            literalByKey.putIfAbsent(normalised, guid ? normalised.toString() : ODataUrls.literal(value.trim()));
        }
        String path = guid ? guidFilterPath(info, column) : column;
        List<String> wanted = new ArrayList<>(columns);
        Function<List<String>, String> query = chunk -> anyOfQuery(path, chunk, wanted, CreatioConfiguration.MAX_PAGE_ROWS);
        int calls = 0;
        for (List<String> chunk : chunksByUrlLength(set, new ArrayList<>(literalByKey.values()), query)) {
            List<JsonObject> records = values(creatio.query(lane, set, query.apply(chunk)));
            calls++;
            if (records.size() >= CreatioConfiguration.MAX_PAGE_ROWS) {
                throw invalid(set + "." + column + " is not selective enough: " + chunk.size() + " values match "
                        + CreatioConfiguration.MAX_PAGE_ROWS + " records or more (Creatio's most rows per answer)");
            }
            for (JsonObject record : records) {
                Object stored = record.getValue(column);
                if (stored == null) {
                    continue;
                }
                Object normalised = guid ? guidOrNull(stored.toString()) : stored.toString().trim().toLowerCase(Locale.ROOT);
                for (String requested : requestedByKey.getOrDefault(normalised, List.of())) {
                    matches.get(requested).add(record);
                }
            }
        }
        return new Found(matches, calls);
    }

    public Page changedSince(Lane lane, String set, Instant since, int top, int skip, List<String> select) {
        metadata.requireColumns(lane, set, select, false);
        if (top < 1 || top > CreatioConfiguration.MAX_PAGE_ROWS) {
            throw invalid("top must be between 1 and " + CreatioConfiguration.MAX_PAGE_ROWS + " (Creatio answers at most 20,000 rows)");
        }
        if (skip < 0) {
            throw invalid("skip must not be negative");
        }
        Map<String, String> options = ODataUrls.options();
        // bare ISO-8601: Creatio rejects a quoted datetime with 400
        options.put("$filter", "ModifiedOn ge " + DateTimeFormatter.ISO_INSTANT.format(since));
        options.put("$orderby", "ModifiedOn asc,Id asc");
        options.put("$top", Integer.toString(top));
        options.put("$skip", Integer.toString(skip));
        if (!select.isEmpty()) {
            options.put("$select", selectWithKeys(select));
        }
        List<JsonObject> records = values(creatio.query(lane, set, ODataUrls.query(options)));
        return new Page(records, top, skip, records.size() == top);
    }

    public CreatioClient.Created create(Lane lane, String set, UUID id, Map<String, Object> columns) {
        metadata.requireColumns(lane, set, writable(columns), true);
        return creatio.create(lane, set, id, new JsonObject(columns));
    }

    public boolean update(Lane lane, String set, UUID id, Map<String, Object> columns) {
        if (columns.isEmpty()) {
            throw invalid("an update needs at least one column");
        }
        metadata.requireColumns(lane, set, writable(columns), true);
        return creatio.update(lane, set, id, new JsonObject(columns));
    }

    public boolean delete(Lane lane, String set, UUID id) {
        metadata.require(lane, set);
        return creatio.delete(lane, set, id);
    }

    /**
     * Runs writes as {@code $batch} calls of at most 100 with {@code continue-on-error}; one
     * failing item never fails the others. A create that failed inside a batch is read back by
     * its {@code Id}: found means created (a retried batch re-posting it gets a duplicate key).
     */
    public List<ItemOutcome> batch(Lane lane, List<BatchItem> items) {
        for (BatchItem item : items) {
            validate(lane, item);
        }
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (int start = 0; start < items.size(); start += CreatioConfiguration.MAX_BATCH_REQUESTS) {
            List<BatchItem> chunk = items.subList(start, Math.min(items.size(), start + CreatioConfiguration.MAX_BATCH_REQUESTS));
            outcomes.addAll(runChunk(lane, chunk, start));
        }
        return outcomes;
    }

    private List<ItemOutcome> runChunk(Lane lane, List<BatchItem> chunk, int offset) {
        JsonArray requests = new JsonArray();
        for (int i = 0; i < chunk.size(); i++) {
            BatchItem item = chunk.get(i);
            JsonObject request = new JsonObject().put("id", Integer.toString(offset + i)).put("headers",
                    new JsonObject().put("Content-Type", "application/json").put("Accept", "application/json"));
            switch (item.op()) {
                case "create" -> request.put("method", "POST").put("url", item.set())
                        .put("body", new JsonObject(item.columns()).copy().put("Id", item.id().toString()));
                case "update" -> request.put("method", "PATCH").put("url", ODataUrls.entity(item.set(), item.id()))
                        .put("body", new JsonObject(item.columns()));
                default -> request.put("method", "DELETE").put("url", ODataUrls.entity(item.set(), item.id()));
            }
            requests.add(request);
        }
        JsonArray responses;
        try {
            responses = creatio.batch(lane, requests);
        } catch (BudgetExhaustedException e) {
            throw e;
        } catch (CreatioException e) {
            List<ItemOutcome> failed = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                BatchItem item = chunk.get(i);
                failed.add(new ItemOutcome(offset + i, item.op(), item.set(), item.id(), false, e.creatioStatus(), e.code().name(), e.getMessage(),
                        false));
            }
            return failed;
        }
        Map<String, JsonObject> byId = new HashMap<>();
        for (int i = 0; i < responses.size(); i++) {
            JsonObject response = responses.getJsonObject(i);
            byId.put(response.getString("id"), response);
        }
        List<ItemOutcome> outcomes = new ArrayList<>();
        for (int i = 0; i < chunk.size(); i++) {
            BatchItem item = chunk.get(i);
            JsonObject response = byId.get(Integer.toString(offset + i));
            if (response == null) {
                outcomes.add(new ItemOutcome(offset + i, item.op(), item.set(), item.id(), false, 0, ErrorCode.CREATIO_SERVER_ERROR.name(),
                        "Creatio's $batch answer has no response for this item", false));
                continue;
            }
            int status = response.getInteger("status", 0);
            if (status >= 200 && status < 300) {
                outcomes.add(new ItemOutcome(offset + i, item.op(), item.set(), item.id(), true, status, null, null, false));
            } else {
                Object body = response.getValue("body");
                CreatioException failure = ODataErrors.of(status, headerOf(response, "content-type"), body == null ? "" : body.toString(), null);
                outcomes.add(new ItemOutcome(offset + i, item.op(), item.set(), item.id(), false, status, failure.code().name(),
                        failure.getMessage(), false));
            }
        }
        return verifyFailedCreates(lane, outcomes);
    }

    private List<ItemOutcome> verifyFailedCreates(Lane lane, List<ItemOutcome> outcomes) {
        Map<String, List<UUID>> toCheck = new HashMap<>();
        for (ItemOutcome outcome : outcomes) {
            if (!outcome.ok() && "create".equals(outcome.op()) && (outcome.creatioStatus() >= 500 || outcome.creatioStatus() == 409)) {
                toCheck.computeIfAbsent(outcome.set(), s -> new ArrayList<>()).add(outcome.id());
            }
        }
        if (toCheck.isEmpty()) {
            return outcomes;
        }
        Set<UUID> existing = new java.util.HashSet<>();
        toCheck.forEach((set, ids) -> {
            try {
                getMany(lane, set, ids, List.of("Id")).records().forEach(r -> existing.add(UUID.fromString(r.getString("Id"))));
            } catch (CreatioException unverifiable) {
                // the items stay failed; the worker retries them, and a retry is verified the same way
            }
        });
        List<ItemOutcome> verified = new ArrayList<>();
        for (ItemOutcome o : outcomes) {
            verified.add(!o.ok() && "create".equals(o.op()) && existing.contains(o.id())
                    ? new ItemOutcome(o.index(), o.op(), o.set(), o.id(), true, 201, null, null, true)
                    : o);
        }
        return verified;
    }

    private void validate(Lane lane, BatchItem item) {
        if (item.op() == null || !Set.of("create", "update", "delete").contains(item.op())) {
            throw invalid("batch item op must be create, update or delete, was " + item.op());
        }
        if (item.id() == null) {
            throw invalid("every batch item needs an id (creates carry the Id allocated before the first attempt)");
        }
        if (!ODataUrls.isName(item.set())) {
            throw invalid("invalid entity set name");
        }
        if (!"delete".equals(item.op())) {
            if (item.columns() == null || item.columns().isEmpty() && "update".equals(item.op())) {
                throw invalid("batch item " + item.id() + " has no columns");
            }
            metadata.requireColumns(lane, item.set(), writable(item.columns()), true);
        } else {
            metadata.require(lane, item.set());
        }
    }

    /**
     * Splits items into consecutive chunks whose {@code set?query} stays below
     * {@code creatio.http.max-url-length} (less a margin for the root) and 20,000 items; an item
     * that alone passes the limit is refused.
     */
    private <T> List<List<T>> chunksByUrlLength(String set, List<T> items, Function<List<T>, String> query) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        for (T item : items) {
            current.add(item);
            boolean tooLong = (set.length() + 1 + query.apply(current).length()) > maxUrlLength - 100;
            if (current.size() == 1 && tooLong) {
                throw invalid("one value alone makes a URL longer than creatio.http.max-url-length (" + maxUrlLength
                        + "): shorten the value or the select list");
            }
            if (current.size() > 1 && (tooLong || current.size() > CreatioConfiguration.MAX_PAGE_ROWS)) {
                current.remove(current.size() - 1);
                chunks.add(current);
                current = new ArrayList<>(List.of(item));
            }
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }

    /** {@code $filter=path eq a or path eq b ...} over ready-made OData literals, with {@code $top} and the select plus {@code Id}. */
    private static String anyOfQuery(String path, List<String> literals, List<String> select, int top) {
        Map<String, String> options = ODataUrls.options();
        options.put("$filter", String.join(" or ", literals.stream().map(literal -> path + " eq " + literal).toList()));
        options.put("$top", Integer.toString(top));
        if (!select.isEmpty()) {
            options.put("$select", selectWithKeys(select));
        }
        return ODataUrls.query(options);
    }

    /** A lookup column's filter path: Creatio answers 500 to {@code AccountId eq ...} but takes {@code Account/Id eq ...}. */
    private static String guidFilterPath(EntitySetInfo info, String column) {
        String navigation = column.endsWith("Id") ? column.substring(0, column.length() - 2) : "";
        return !navigation.isEmpty() && info.navigationProperties().contains(navigation) ? navigation + "/Id" : column;
    }

    private static UUID guidOrNull(String text) {
        String trimmed = text.trim();
        try {
            return trimmed.length() == 36 ? UUID.fromString(trimmed) : null;
        } catch (IllegalArgumentException notAGuid) {
            return null;
        }
    }

    private static UUID guidOrInvalid(String column, String text) {
        UUID id = guidOrNull(text);
        if (id == null) {
            throw invalid(column + " is a Guid column; '" + text + "' is not a GUID");
        }
        return id;
    }

    private static String selectWithKeys(List<String> select) {
        Set<String> columns = new LinkedHashSet<>(List.of("Id"));
        columns.addAll(select);
        return String.join(",", columns);
    }

    private static List<JsonObject> values(JsonObject answer) {
        JsonArray values = answer.getJsonArray("value", new JsonArray());
        List<JsonObject> records = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            records.add(values.getJsonObject(i));
        }
        return records;
    }

    private static Set<String> writable(Map<String, Object> columns) {
        Set<String> names = new LinkedHashSet<>(columns.keySet());
        // the Id travels separately; Creatio ignores a body Id on PATCH and the create sets it
        names.remove("Id");
        return names;
    }

    private static String headerOf(JsonObject response, String name) {
        JsonObject headers = response.getJsonObject("headers");
        if (headers == null) {
            return null;
        }
        for (String key : headers.fieldNames()) {
            if (key.equalsIgnoreCase(name)) {
                return String.valueOf(headers.getValue(key));
            }
        }
        return null;
    }

    private static CreatioException invalid(String message) {
        return new CreatioException(ErrorCode.INVALID_REQUEST, 0, message);
    }
}
