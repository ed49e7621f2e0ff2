package com.nia.crmsync.client.model;

import java.util.List;

/** {@code GET /api/v1/crm/conflicts/{id}}: one conflict and the record's other open conflicts. */
public record ConflictDetail(Conflict conflict, List<Conflict> otherOpenConflicts) {
}
