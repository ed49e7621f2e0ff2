package com.nia.crmsync.syncapi.planning;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

/** Runs. */
@ApplicationScoped
public class SyncRunRepository implements PanacheRepositoryBase<SyncRun, UUID> {

    /** The run an idempotency key started, and whether it was asked for the same way (kind, parameters, dry run). */
    public record Keyed(UUID id, boolean sameRequest) {
    }

    /**
     * The run started with {@code idempotencyKey}, compared with a request of {@code kind} with
     * {@code params} (as JSON, compared as {@code jsonb}) and {@code dryRun}.
     */
    public Optional<Keyed> byIdempotencyKey(String idempotencyKey, String kind, String params, boolean dryRun) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT id, (kind = ?2 AND params = CAST(?3 AS jsonb) AND dry_run = ?4)"
                + " FROM sync_run WHERE idempotency_key = ?1")
                .setParameter(1, idempotencyKey).setParameter(2, kind).setParameter(3, params).setParameter(4, dryRun).getResultList();
        return rows.stream().findFirst().map(r -> new Keyed((UUID) r[0], Boolean.TRUE.equals(r[1])));
    }
}
