package com.nia.crmsync.model.command;

import com.nia.crmsync.model.wire.WireEnum;

/** What a {@link SyncCommand} asks the worker to do with one record. */
public enum Operation implements WireEnum {
    /** Create the record in Creatio with the pre-allocated id. */
    CREATE,
    /** Merge and write the changed fields of a linked record. */
    UPDATE,
    /** Create when unknown in Creatio, else merge and update: first syncs and meeting-derived records. */
    UPSERT,
    /** Propagate an NIA soft delete according to the entity's delete mode. */
    DELETE,
    /** Recreate in Creatio a record deleted there, with the NIA values (an {@code update_vs_delete} outcome). */
    RESTORE,
    /** Find the Creatio record that is the same as this NIA record (email or NIA-id column) and link it. */
    LINK,
    /** Bring Creatio's values of one record to NIA (direction {@code from_creatio}). */
    PULL,
    /**
     * Read one page of an entity set's Creatio changes ({@link SyncCommand#pullPage()}) and answer
     * with the records ({@link com.nia.crmsync.model.result.SyncResult#pulledPage()}); writes nothing.
     * Its entity key is the entity type's pull key ({@link com.nia.crmsync.model.pull.PullPaging#pullKey}).
     */
    PULL_PAGE,
    /**
     * Id reconciliation ({@link SyncCommand#reconcile()}): read one page of an entity set's Creatio ids,
     * or check which of given ids Creatio still has, and answer with them
     * ({@link com.nia.crmsync.model.result.SyncResult#reconciled()}); writes nothing. Its entity key
     * is the entity type's reconcile key ({@link ReconcilePage#key}).
     */
    RECONCILE,
    /**
     * End-to-end pipeline check: the worker answers with a result without calling Creatio,
     * optionally after {@link SyncCommand#workMillis()} of simulated work.
     */
    PROBE;

    /** Reads a wire name. */
    public static Operation fromWire(String wire) {
        return WireEnum.fromWire(Operation.class, wire);
    }
}
