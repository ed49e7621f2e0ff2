package com.nia.crmsync.syncapi.runs;

import static java.net.HttpURLConnection.HTTP_BAD_REQUEST;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.syncapi.results.SyncLogRepository;
import com.nia.crmsync.web.list.PageView;
import com.nia.crmsync.web.problem.Problem;
import com.nia.crmsync.web.problem.ProblemException;

/**
 * Reads the sync log, newest first, filtered by entity (type and/or local id), level, operation,
 * time range, correlation id and run; every filter comes as text and a bad one is a 400 problem
 * naming its parameter.
 */
@ApplicationScoped
public class SyncLogQuery {

    /** The largest page. */
    public static final int MAX_SIZE = 500;
    private static final Set<String> LEVELS = Set.of("info", "warning", "error");

    private final SyncLogRepository log;

    public SyncLogQuery(SyncLogRepository log) {
        this.log = log;
    }

    /** The filters as the query string gave them (null when absent). */
    public record Filters(String entityType, String localId, String level, String operation, String from, String to,
            String correlationId, String runId, String page, String size) {
    }

    @Transactional
    public PageView<SyncLogView> find(Filters f) {
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (f.entityType() != null) {
            try {
                params.put("entityType", EntityType.fromWire(f.entityType().toLowerCase(Locale.ROOT)).wire());
                where.add("entityType = :entityType");
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("entity_type", "unknown entity type"));
            }
        }
        uuid(f.localId(), "local_id", "localId", where, params, errors);
        uuid(f.runId(), "run_id", "runId", where, params, errors);
        if (f.level() != null) {
            String level = f.level().toLowerCase(Locale.ROOT);
            if (LEVELS.contains(level)) {
                where.add("level = :level");
                params.put("level", level);
            } else {
                errors.add(new Problem.FieldError("level", "must be info, warning or error"));
            }
        }
        if (f.operation() != null) {
            where.add("operation = :operation");
            params.put("operation", f.operation());
        }
        if (f.correlationId() != null) {
            where.add("correlationId = :correlationId");
            params.put("correlationId", f.correlationId());
        }
        instant(f.from(), "from", "occurredAt >= :from", where, params, errors);
        instant(f.to(), "to", "occurredAt < :to", where, params, errors);
        int page = integer(f.page(), "page", 0, 0, Integer.MAX_VALUE, errors);
        int size = integer(f.size(), "size", 50, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw new ProblemException(HTTP_BAD_REQUEST, "Invalid filter", errors.size() + " parameter(s) are invalid", errors);
        }
        var query = log.find(String.join(" and ", where.isEmpty() ? List.of("1 = 1") : where),
                Sort.descending("occurredAt").and("id", Sort.Direction.Descending), params);
        List<SyncLogView> items = query.page(Page.of(page, size)).list().stream().map(SyncLogView::of).toList();
        return new PageView<>(items, page, size, query.count());
    }

    private static void uuid(String value, String name, String field, List<String> where, Map<String, Object> params,
            List<Problem.FieldError> errors) {
        if (value == null) {
            return;
        }
        try {
            params.put(field, UUID.fromString(value));
            where.add(field + " = :" + field);
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(name, "must be a UUID"));
        }
    }

    private static void instant(String value, String name, String clause, List<String> where, Map<String, Object> params,
            List<Problem.FieldError> errors) {
        if (value == null) {
            return;
        }
        try {
            params.put(name, Instant.parse(value));
            where.add(clause);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "must be an ISO-8601 instant, e.g. 2026-01-31T12:00:00Z"));
        }
    }

    private static int integer(String value, String name, int absent, int min, int max, List<Problem.FieldError> errors) {
        if (value == null) {
            return absent;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new Problem.FieldError(name, max == Integer.MAX_VALUE ? "must be a number ≥ " + min : "must be between " + min + " and " + max));
        return absent;
    }
}
