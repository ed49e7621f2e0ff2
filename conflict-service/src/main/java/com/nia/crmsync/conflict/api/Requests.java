package com.nia.crmsync.conflict.api;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import com.nia.crmsync.conflict.service.Resolutions;
import com.nia.crmsync.model.command.ResolutionStrategy;

/** The request bodies of the conflict API (snake_case, like the seed's). */
public final class Requests {

    private Requests() {
    }

    /**
     * {@code POST /api/v1/crm/sync/resolve-conflict/}: which conflict, how, and the value the
     * strategy needs ({@code merged_value} for {@code manual_merge}, {@code value} for
     * {@code corrected_value}, {@code creatio_id} for {@code pick_creatio_record}).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Resolve(@NotNull UUID conflictId, @NotNull ResolutionStrategy strategy, Object mergedValue, Object value,
            UUID creatioId, @Size(max = 2000) String comment) {

        Resolutions.Decision decision() {
            return new Resolutions.Decision(strategy, mergedValue, value, creatioId, comment);
        }
    }

    /** {@code POST /api/v1/crm/conflicts/bulk-resolve}: the conflicts (ids, or a filter) and one decision for all. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record BulkResolve(@Size(max = 1000) List<@NotNull UUID> ids, @Valid Filter filter,
            @NotNull ResolutionStrategy strategy, Object mergedValue, Object value, UUID creatioId,
            @Size(max = 2000) String comment) {

        Resolutions.Decision decision() {
            return new Resolutions.Decision(strategy, mergedValue, value, creatioId, comment);
        }
    }

    /** A bulk resolution's selection by filter (the list endpoint's filters). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Filter(String status, String type, String entityType, UUID entityId, String field) {
    }

    /** {@code POST /api/v1/crm/conflicts/{id}/dismiss}: why (optional). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Dismiss(@Size(max = 2000) String comment) {
    }
}
