package com.nia.crmsync.syncapi.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

import com.nia.crmsync.syncapi.planning.SyncRunRepository;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.list.QueryParams;
import com.nia.crmsync.web.problem.Problem;

/**
 * Lists sync runs, newest first (by when they were requested), filtered by kind, status and time
 * ({@code since} inclusive, {@code until} exclusive, on the request time); every filter comes as
 * text and a bad one is a 400 problem naming its parameter. A dry run's plan totals are on the
 * run's own view, not in the list.
 */
@ApplicationScoped
public class RunQuery {

    /** The largest page. */
    public static final int MAX_SIZE = 500;
    /** The page size when none is asked for. */
    public static final int DEFAULT_SIZE = 50;

    private final SyncRunRepository runs;

    public RunQuery(SyncRunRepository runs) {
        this.runs = runs;
    }

    /** The filters as the query string gave them (null when absent). */
    public record Filters(String kind, String status, String since, String until, String page, String size) {
    }

    @Transactional
    public PageView<RunView> find(Filters f) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        oneOf(f.kind(), "kind", RunKind.ALL, where, params, errors);
        oneOf(f.status(), "status", RunStatus.ALL, where, params, errors);
        Instant since = QueryParams.instant(f.since(), "since", errors);
        Instant until = QueryParams.instant(f.until(), "until", errors);
        if (since != null) {
            where.add("createdAt >= :since");
            params.put("since", since);
        }
        if (until != null) {
            where.add("createdAt < :until");
            params.put("until", until);
        }
        if (since != null && until != null && !since.isBefore(until)) {
            errors.add(new Problem.FieldError("until", "must be after since"));
        }
        int page = QueryParams.integer(f.page(), "page", 0, 0, Integer.MAX_VALUE, errors);
        int size = QueryParams.integer(f.size(), "size", DEFAULT_SIZE, 1, MAX_SIZE, errors);
        QueryParams.check(errors);
        var query = runs.find(where.isEmpty() ? "1 = 1" : String.join(" and ", where),
                Sort.descending("createdAt").and("id", Sort.Direction.Descending), params);
        List<RunView> items = query.page(Page.of(page, size)).list().stream().map(RunView::of).toList();
        return new PageView<>(items, page, size, query.count());
    }

    private static void oneOf(String value, String name, List<String> allowed, List<String> where, Map<String, Object> params,
            List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return;
        }
        String wire = value.strip().toLowerCase(Locale.ROOT);
        if (allowed.contains(wire)) {
            where.add(name + " = :" + name);
            params.put(name, wire);
        } else {
            errors.add(new Problem.FieldError(name, "must be one of " + String.join(", ", allowed)));
        }
    }
}
