package com.nia.crmsync.syncapi.records;

import com.nia.crmsync.model.wire.WireEnum;

/** Where one record stands with Creatio ({@code creatio_sync.status}). */
public enum SyncStatus implements WireEnum {
    /** A command is planned or waiting for its retry time. */
    PENDING,
    /** A command is with a worker. */
    IN_PROGRESS,
    /** Both sides agree. */
    SYNCED,
    /** Retries are spent or the failure is permanent; {@code retry-failed} re-queues it. */
    FAILED,
    /** At least one field waits for a person (open fields not empty). */
    CONFLICT,
    /** Not synced by configuration (inclusion filter, push disabled). */
    SKIPPED;

    /** Reads a wire name. */
    public static SyncStatus fromWire(String wire) {
        return WireEnum.fromWire(SyncStatus.class, wire);
    }
}
