package com.nia.crmsync.cli.render;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.nia.crmsync.client.model.PlanLine;
import com.nia.crmsync.client.model.PlanSummary;

/**
 * A dry run's plan as a table: one row per record with its action, outcome and Creatio calls, and
 * one row per changed field below it, saying which side changes from what to what
 * ({@code → Creatio  Status: New (0f8e…) → Distribution (ce4e…)}); then the totals per action.
 */
public final class PlanTable {

    private PlanTable() {
    }

    public static String render(List<PlanLine> lines, PlanSummary summary) {
        Table table = new Table("ENTITY", "LOCAL ID", "ACTION", "OUTCOME", "CALLS", "FIELD", "SIDE", "FROM", "TO");
        for (PlanLine line : lines) {
            table.row(line.entityType(), line.localId(), line.action(), line.outcome(), line.plannedCalls(),
                    line.error() == null ? "" : "error: " + line.error(), "", "", "");
            if (line.changes() == null) {
                continue;
            }
            for (Map.Entry<String, Object> change : line.changes().entrySet()) {
                if (!(change.getValue() instanceof Map<?, ?> diff)) {
                    table.row("", "", "", "", "", change.getKey(), "", "", Values.text(change.getValue()));
                    continue;
                }
                String field = diff.get("column") == null ? change.getKey() : change.getKey() + " (" + diff.get("column") + ")";
                side(table, field, "Creatio", diff.get("creatio"));
                side(table, field, "NIA", diff.get("nia"));
            }
        }
        StringBuilder out = new StringBuilder(table.render());
        if (summary != null) {
            out.append(summary.lines()).append(" record(s): ").append(summary.byAction() == null ? "" : summary.byAction().entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
                    .append("; ").append(summary.plannedCalls()).append(" Creatio call(s) planned\n");
        }
        return out.toString();
    }

    private static void side(Table table, String field, String side, Object fromTo) {
        if (fromTo instanceof Map<?, ?> change) {
            table.row("", "", "", "", "", field, "→ " + side, Values.text(change.get("from")), Values.text(change.get("to")));
        }
    }
}
