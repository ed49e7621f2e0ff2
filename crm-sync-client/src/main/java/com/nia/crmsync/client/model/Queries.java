package com.nia.crmsync.client.model;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** The filters of the list endpoints, as query parameters (null: not filtered). */
public final class Queries {

    private Queries() {
    }

    /** {@code GET /api/v1/crm/sync/runs/}. */
    public record Runs(String kind, String status, Instant since, Instant until, Integer page, Integer size) {
        public Map<String, String> parameters() {
            return params("kind", kind, "status", status, "since", since, "until", until, "page", page, "size", size);
        }
    }

    /** {@code GET /api/v1/crm/conflicts/}. */
    public record Conflicts(String status, String type, String entityType, UUID entityId, String field, Integer page, Integer size) {
        public Map<String, String> parameters() {
            return params("status", status, "type", type, "entity_type", entityType, "entity_id", entityId, "field", field,
                    "page", page, "size", size);
        }
    }

    /** {@code GET /api/v1/crm/sync/logs/}: {@code from} inclusive, {@code to} exclusive. */
    public record Logs(String entityType, UUID localId, String level, Instant from, Instant to, UUID runId, Integer page,
            Integer size) {
        public Map<String, String> parameters() {
            return params("entity_type", entityType, "local_id", localId, "level", level, "from", from, "to", to, "run_id", runId,
                    "page", page, "size", size);
        }
    }

    /** {@code GET /api/v1/crm/dead-letters}: origin topic, reason substring, dead-lettered since. */
    public record DeadLetters(String topic, String reason, Instant since, Integer page, Integer size) {
        public Map<String, String> parameters() {
            return params("topic", topic, "reason", reason, "since", since, "page", page, "size", size);
        }
    }

    private static Map<String, String> params(Object... namesAndValues) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                out.put((String) namesAndValues[i], String.valueOf(namesAndValues[i + 1]));
            }
        }
        return out;
    }
}
