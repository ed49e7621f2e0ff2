package com.nia.crmsync.syncapi.planning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.model.config.EntityMapping;
import com.nia.crmsync.model.config.FieldMapping;
import com.nia.crmsync.model.entity.LookupValue;
import com.nia.crmsync.model.entity.Side;
import com.nia.crmsync.model.json.Json;
import com.nia.crmsync.model.merge.CanonicalValues;
import com.nia.crmsync.model.merge.FieldMapper;
import com.nia.crmsync.model.result.FieldChange;
import com.nia.crmsync.model.result.SyncResult;
import com.nia.crmsync.syncapi.configuration.ConfigurationService;

/**
 * The plan lines of dry runs ({@code sync_run_plan}): one per record a dry run's command
 * answered, with its action, its field diffs (from/to on each side) and the Creatio calls the real
 * run would cost. Diffs are keyed by the canonical NIA field (the Creatio column when no single
 * field maps to it), so the field policy hides {@code budget} from viewers in every view of a plan.
 * The lines are stored by {@link SyncRunPlanRepository}.
 */
@ApplicationScoped
public class DryRunPlans {

    private final SyncRunPlanRepository plans;
    private final ConfigurationService configuration;

    public DryRunPlans(SyncRunPlanRepository plans, ConfigurationService configuration) {
        this.plans = plans;
        this.configuration = configuration;
    }

    /** Stores the plan line of a dry-run result; a line already stored (the same command) is kept. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void store(SyncResult r) {
        EntityMapping mapping = configuration.current().configuration().mapping(r.entity().entityType()).orElse(null);
        String error = r.failure() == null ? null : r.failure().category() == null ? r.failure().message()
                : r.failure().category().wire() + (r.failure().message() == null ? "" : ": " + r.failure().message());
        plans.insert(r.runId(), r.commandId(), new SyncRunPlanRepository.Row(r.entity().entityType().wire(), r.entity().localId(),
                r.entity().creatioId(), r.action() == null ? null : r.action().wire(), r.outcome().wire(),
                Json.write(diffs(mapping, r.changes(), r.valueNames())), r.plannedCalls() == null ? 0 : r.plannedCalls(), error));
    }

    /** A dry run's totals: lines per action (a failed plan counts as {@code failed}) and the Creatio calls in all. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(long lines, Map<String, Long> byAction, long plannedCalls, String planUrl) {
    }

    /** One record's plan: action, field diffs ({@code field → {column, creatio: {from, to}, nia: {from, to}}}), calls. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String entityType, UUID localId, UUID creatioId, String action, String outcome,
            Map<String, Object> changes, int plannedCalls, String error) {
    }

    /** The run's totals. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Summary summary(UUID runId) {
        Map<String, Long> byAction = new LinkedHashMap<>();
        long lines = 0;
        long calls = 0;
        for (SyncRunPlanRepository.ActionTotal total : plans.totals(runId)) {
            byAction.put(total.action(), total.lines());
            lines += total.lines();
            calls += total.plannedCalls();
        }
        return new Summary(lines, byAction, calls, "/api/v1/crm/sync/runs/" + runId + "/plan");
    }

    /** How many lines the run's plan has. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long count(UUID runId) {
        return plans.count(runId);
    }

    /** A page of the run's plan lines, in entity type and NIA id order. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Line> lines(UUID runId, int page, int size) {
        return plans.lines(runId, page, size).stream().map(r -> new Line(r.entityType(), r.localId(), r.creatioId(), r.action(),
                r.outcome(), readMap(r.changes()), r.plannedCalls(), r.error())).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readMap(String json) {
        return Json.read(json, Map.class);
    }

    /**
     * Field → {@code {column, creatio: {from, to}, nia: {from, to}}}; the sides not changed are left out. A lookup
     * column's values are {@code {id, name}}, with the names the worker put next to the ids ({@code names}; a name is
     * null where none was found).
     */
    static Map<String, Object> diffs(EntityMapping mapping, List<FieldChange> changes, Map<String, String> names) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (changes == null) {
            return out;
        }
        Map<String, String> lookups = FieldMapper.lookups(mapping);
        for (FieldChange c : changes) {
            String field = fieldOf(mapping, c.field());
            @SuppressWarnings("unchecked")
            Map<String, Object> diff = (Map<String, Object>) out.computeIfAbsent(field, f -> {
                Map<String, Object> d = new LinkedHashMap<>();
                d.put("column", c.field());
                return d;
            });
            Map<String, Object> side = new LinkedHashMap<>();
            if (lookups.containsKey(c.field())) {
                side.put("from", LookupValue.of(CanonicalValues.canonical(c.from()), names));
                side.put("to", LookupValue.of(CanonicalValues.canonical(c.to()), names));
            } else {
                side.put("from", SyncPlanner.jsonScalars(single(c.from())).get("v"));
                side.put("to", SyncPlanner.jsonScalars(single(c.to())).get("v"));
            }
            diff.put(c.target() == Side.NIA ? "nia" : "creatio", side);
        }
        return out;
    }

    private static Map<String, Object> single(Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", CanonicalValues.canonical(value));
        return m;
    }

    private static String fieldOf(EntityMapping mapping, String column) {
        if (mapping != null) {
            for (FieldMapping f : mapping.fields()) {
                if (column.equals(f.creatioColumn()) && f.niaField() != null
                        && (f.composedOf() == null || f.composedOf().isEmpty())) {
                    return f.niaField();
                }
            }
        }
        return column;
    }
}
