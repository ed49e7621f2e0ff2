package com.nia.crmsync.model.resync;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.nia.crmsync.model.config.Direction;
import com.nia.crmsync.model.entity.EntityType;
import com.nia.crmsync.model.validation.Violation;
import com.nia.crmsync.model.validation.Violations;

/**
 * A request to resync, published by anyone (schedulers, other services, the CLI) on
 * {@code crm.sync.requests.v1} keyed by {@link #requestId()}; {@code sync-api} fans it out into
 * bulk commands and shows its progress as a run whose id is derived from the envelope's event id
 * (so a redelivered request makes no second run).
 *
 * @param requestId     unique per request; the Kafka key (the run's {@code params.request_id})
 * @param scope         what it covers
 * @param entityTypes   the entity types covered (required for {@code entity_type} and, with one entry, {@code ids});
 *                      empty means every configured type
 * @param ids           {@code ids}: the NIA ids
 * @param modifiedSince {@code modified_since}: the time
 * @param direction     which way to sync; absent means both
 * @param force         sync even records whose hashes say nothing changed
 * @param dryRun        plan only: nothing written on either side
 * @param requestedBy   who or what asked (a user, a service, a scheduler); absent means {@code kafka}
 */
public record ResyncRequest(
        UUID requestId,
        ResyncScope scope,
        List<EntityType> entityTypes,
        List<UUID> ids,
        Instant modifiedSince,
        Direction direction,
        boolean force,
        boolean dryRun,
        String requestedBy) {

    /** The request's problems; an invalid request is dead-lettered with them. */
    public List<Violation> validate() {
        Violations v = Violations.at("/payload");
        v.required("requestId", requestId).required("scope", scope)
                .check(direction != Direction.NONE, "direction", "must be both, to_creatio or from_creatio");
        if (scope == ResyncScope.ENTITY_TYPE) {
            v.notEmpty("entityTypes", entityTypes);
        } else if (scope == ResyncScope.IDS) {
            v.notEmpty("ids", ids).check(entityTypes != null && entityTypes.size() == 1, "entityTypes",
                    "must name exactly the one entity type of the ids");
        } else if (scope == ResyncScope.MODIFIED_SINCE) {
            v.required("modifiedSince", modifiedSince);
        }
        return v.list();
    }
}
