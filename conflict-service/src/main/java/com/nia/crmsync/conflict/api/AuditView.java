package com.nia.crmsync.conflict.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One entry of a conflict's audit trail: who (user or system) did what, the conflict before and
 * after (with the strategy and the values), when, under which correlation id, and how it ended.
 * For a caller who may not see the field, the values are left out of both states.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AuditView(long id, Instant occurredAt, String actor, List<String> actorRoles, String action,
        String target, JsonNode before, JsonNode after, boolean valuesHidden, String correlationId, String outcome) {

    /** The properties of a conflict's state that carry a value of its field. */
    static final Set<String> VALUE_KEYS = Set.of("base_value", "nia_value", "creatio_value", "chosen_value",
            "merged_value", "value");

    /** {@code state} without the values (in place, recursively); null stays null. */
    static JsonNode withoutValues(JsonNode state) {
        if (state instanceof ObjectNode object) {
            object.remove(VALUE_KEYS);
            if (object.has("values_hidden")) {
                object.put("values_hidden", true);
            }
            object.forEach(AuditView::withoutValues);
        } else if (state != null && state.isArray()) {
            state.forEach(AuditView::withoutValues);
        }
        return state;
    }
}
