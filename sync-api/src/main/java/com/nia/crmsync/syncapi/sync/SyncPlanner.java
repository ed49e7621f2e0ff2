package com.nia.crmsync.syncapi.sync;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.nia.crmsync.model.command.Lane;
import com.nia.crmsync.model.entity.EntityType;

/**
 * Plans sync commands: reads the NIA record and its sync state, maps it with the configuration in
 * force, and writes the command into the outbox in the caller's transaction.
 * (Being implemented: issue 6.)
 */
@ApplicationScoped
public class SyncPlanner {

    /** Which way a run goes. */
    public enum Way {
        TO_CREATIO, FROM_CREATIO, BOTH
    }

    /**
     * One record to plan.
     *
     * @param type    the entity type
     * @param localId the NIA id
     * @param lane    realtime (one record a person or an event touched) or bulk (runs)
     * @param runId   the run it belongs to, or null for an edit
     * @param way     the direction
     * @param force   plan even when nothing changed since the last sync
     * @param dryRun  plan only: the worker computes the plan, nothing is written
     */
    public record Request(EntityType type, UUID localId, Lane lane, UUID runId, Way way, boolean force, boolean dryRun) {
    }

    /** What planning did. */
    public enum Planned {
        /** A command is in the outbox. */
        COMMAND,
        /** Left out by configuration (push disabled, inclusion filter). */
        SKIPPED,
        /** Nothing changed since the last sync and not forced. */
        UNCHANGED
    }

    /** Plans one record in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Planned plan(Request request) {
        throw new UnsupportedOperationException("issue 6: being implemented");
    }
}
