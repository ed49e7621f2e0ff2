package com.nia.crmsync.cli.render;

import java.util.List;

import com.nia.crmsync.client.model.Conflict;

/**
 * One conflict for a person deciding it: what it is about, then the base, NIA and Creatio values
 * side by side (lookups with their display names) with when each side changed, then its status,
 * policy and decision, and the record's other open conflicts.
 */
public final class ConflictView {

    private ConflictView() {
    }

    public static String render(Conflict c, List<Conflict> otherOpen) {
        StringBuilder out = new StringBuilder();
        out.append("Conflict ").append(c.id()).append(" (").append(c.conflictType()).append(", ").append(c.status()).append(")\n");
        out.append(c.entityType()).append(' ').append(c.localId()).append(" ↔ Creatio ").append(Values.text(c.creatioId()))
                .append(", field ").append(Values.text(c.field())).append('\n');
        out.append('\n');
        Table sides = new Table("", "BASE", "NIA", "CREATIO");
        if (c.valuesHidden()) {
            sides.row("value", "(hidden)", "(hidden)", "(hidden)");
        } else {
            sides.row("value", c.baseValue(), c.niaValue(), c.creatioValue());
        }
        sides.row("changed at", "", c.niaChangedAt(), c.creatioChangedAt());
        out.append(sides.render()).append('\n');
        Table facts = new Table("", "");
        facts.row("policy", c.policy());
        facts.row("reason", c.reason());
        facts.row("detected at", c.detectedAt());
        if (c.detail() != null) {
            facts.row("detail", c.detail());
        }
        if (c.strategy() != null) {
            facts.row("decision", c.strategy() + " by " + Values.text(c.resolvedBy()) + " at " + Values.text(c.resolvedAt()));
            facts.row("chosen value", c.valuesHidden() ? "(hidden)" : c.chosenValue());
        }
        if (c.lastError() != null) {
            facts.row("last error", c.lastError());
        }
        out.append(facts.render().lines().skip(1).map(l -> l + "\n").reduce("", String::concat));
        if (otherOpen != null && !otherOpen.isEmpty()) {
            out.append('\n').append("Other open conflicts of this record:\n");
            Table others = new Table("ID", "FIELD", "STATUS", "TYPE");
            otherOpen.forEach(o -> others.row(o.id(), o.field(), o.status(), o.conflictType()));
            out.append(others.render());
        }
        return out.toString();
    }
}
