package com.nia.crmsync.simulator.service;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableSet;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import com.nia.crmsync.simulator.config.SimulatorConfig;
import com.nia.crmsync.simulator.odata.ODataException;
import com.nia.crmsync.simulator.odata.ODataQuery;
import com.nia.crmsync.simulator.store.Entity;
import com.nia.crmsync.simulator.store.EntityTable;
import com.nia.crmsync.simulator.store.Ids;

/**
 * Runs collection reads. The common incremental pull ({@code $filter=ModifiedOn gt X},
 * {@code $orderby=ModifiedOn,Id}, {@code $top}/{@code $skip}) walks the ordered index from X and
 * stops after the page; {@code Id eq} (or an or-chain of them, the batched read of known ids) is a
 * hash lookup; any other order keeps only the best
 * {@code $skip+$top} rows in a bounded heap instead of sorting everything. A response of more
 * than {@code simulator.odata.max-rows} rows is a 500, as on Creatio, unless that quirk is off.
 */
@ApplicationScoped
public class QueryService {

    /** One page of rows and, if asked for, the total count of matches. */
    public record Page(List<Entity> rows, Long count) {
    }

    private final QuirkSettings quirks;
    private final int maxRows;

    public QueryService(QuirkSettings quirks, SimulatorConfig config) {
        this.quirks = quirks;
        this.maxRows = config.odata().maxRows();
    }

    public Page read(EntityTable table, ODataQuery query) {
        boolean capped = quirks.tooManyRowsIs500();
        long want = query.top != null ? query.top : Long.MAX_VALUE;
        // With the quirk on, one row more than allowed is enough to know the answer is a 500.
        long keep = capped ? Math.min(want, maxRows + 1L) : want;
        Predicate<Entity> filter = query.filter.predicate;
        List<Entity> rows = new ArrayList<>();
        long matched = 0;
        if (query.filter.idEquals != null) {
            Entity row = table.get(query.filter.idEquals);
            if (row != null && filter.test(row)) {
                matched = 1;
                if (query.skip == 0 && keep > 0) {
                    rows.add(row);
                }
            }
        } else if (query.filter.idIn != null) {
            // A batched read of known ids: look each up instead of scanning the table.
            List<Entity> found = new ArrayList<>();
            for (UUID id : query.filter.idIn) {
                Entity row = table.get(id);
                if (row != null) {
                    found.add(row);
                }
            }
            found.sort(query.orderBy.isEmpty() ? Ids.MODIFIED_ORDER : query.comparator());
            matched = found.size();
            int from = (int) Math.min(query.skip, found.size());
            rows.addAll(found.subList(from, (int) Math.min(found.size(), from + Math.min(keep, Integer.MAX_VALUE))));
        } else if (query.indexOrder()) {
            for (Entity row : range(table, query)) {
                if (!filter.test(row)) {
                    continue;
                }
                matched++;
                if (matched > query.skip && rows.size() < keep) {
                    rows.add(row);
                } else if (rows.size() >= keep && !query.count) {
                    break;
                }
            }
        } else {
            Comparator<Entity> order = query.comparator();
            long bound = keep == Long.MAX_VALUE ? Long.MAX_VALUE : query.skip + keep;
            PriorityQueue<Entity> best = new PriorityQueue<>(order.reversed());
            List<Entity> all = bound == Long.MAX_VALUE ? new ArrayList<>() : null;
            for (Entity row : table.rows()) {
                if (!filter.test(row)) {
                    continue;
                }
                matched++;
                if (all != null) {
                    all.add(row);
                } else if (best.size() < bound) {
                    best.add(row);
                } else if (bound > 0 && order.compare(row, best.peek()) < 0) {
                    best.poll();
                    best.add(row);
                }
            }
            List<Entity> sorted = all != null ? all : new ArrayList<>(best);
            sorted.sort(order);
            int from = (int) Math.min(query.skip, sorted.size());
            int to = (int) Math.min(sorted.size(), from + Math.min(keep, Integer.MAX_VALUE));
            rows.addAll(sorted.subList(from, to));
        }
        if (capped && rows.size() > maxRows) {
            throw ODataException.serverError("The query returns more than " + maxRows
                    + " records (MaxEntityRowCount). Use $top and $skip to page.");
        }
        return new Page(Collections.unmodifiableList(rows), query.count ? matched : null);
    }

    /** The number of rows matching the filter ({@code /$count}). */
    public long count(EntityTable table, ODataQuery query) {
        if (query.filter.idEquals != null) {
            Entity row = table.get(query.filter.idEquals);
            return row != null && query.filter.predicate.test(row) ? 1 : 0;
        }
        long matched = 0;
        for (Entity row : range(table, query)) {
            if (query.filter.predicate.test(row)) {
                matched++;
            }
        }
        return matched;
    }

    private static Iterable<Entity> range(EntityTable table, ODataQuery query) {
        NavigableSet<Entity> index = table.byModified();
        int width = table.type().columns().size();
        if (query.filter.modifiedFrom != null) {
            index = index.tailSet(Ids.probe(query.filter.modifiedFrom, query.filter.fromInclusive, width), true);
        }
        if (query.filter.modifiedTo != null) {
            index = index.headSet(Ids.probe(query.filter.modifiedTo, !query.filter.toInclusive, width), true);
        }
        return index;
    }
}
