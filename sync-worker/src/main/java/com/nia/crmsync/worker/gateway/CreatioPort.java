package com.nia.crmsync.worker.gateway;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.gateway.BatchItem;
import com.nia.crmsync.model.gateway.FindResponse;
import com.nia.crmsync.model.gateway.ItemOutcome;
import com.nia.crmsync.model.gateway.PageResponse;
import com.nia.crmsync.model.gateway.ReadManyResponse;

/**
 * Creatio as the sync engine sees it: reads, link searches and writes, each one gateway call.
 * Failures are {@link GatewayException}s. The production implementation is
 * {@link GatewayCreatioPort}; tests of the engine may use an in-memory one.
 */
public interface CreatioPort {

    /** One record, or empty when Creatio has none with that id. */
    Optional<Map<String, Object>> get(Lane lane, String set, UUID id, List<String> select);

    /** Many records by id in few Creatio calls. */
    ReadManyResponse read(Lane lane, String set, List<UUID> ids, List<String> select);

    /** Records whose column equals one of the values (case-insensitive text), grouped by value. */
    FindResponse find(Lane lane, String set, String column, List<String> values, List<String> select);

    /** One page of the records changed at or after {@code since}, ordered by {@code ModifiedOn, Id}. */
    PageResponse changes(Lane lane, String set, java.time.Instant since, int top, int skip, List<String> select);

    /**
     * A create with the caller's id, sent without reading first. Empty when it created the record; the
     * record as Creatio holds it when one with that id existed already (Creatio's duplicate-key answer,
     * which the gateway verifies by reading the id back).
     */
    Optional<Map<String, Object>> create(Lane lane, String set, UUID id, Map<String, Object> columns);

    /** Only the given columns. */
    void update(Lane lane, String set, UUID id, Map<String, Object> columns);

    /** A delete. */
    void delete(Lane lane, String set, UUID id);

    /**
     * The sizes of the set's text columns in characters (column → size), from the gateway's cached
     * {@code $metadata}; an unlimited text column, and any other column, is absent.
     */
    Map<String, Integer> maxLengths(Lane lane, String set);

    /**
     * Writes combined in {@code $batch} calls of at most 100; an item's failure fails no other. A create
     * whose id existed already is answered ok with {@code verifiedByRead}.
     */
    List<ItemOutcome> batch(Lane lane, List<BatchItem> items);

    /** The display names of lookup ids, per lookup set (id → name, null when unknown); a port without names knows none. */
    default Map<String, Map<UUID, String>> lookupNames(Lane lane, Map<String, List<UUID>> ids) {
        return Map.of();
    }
}
