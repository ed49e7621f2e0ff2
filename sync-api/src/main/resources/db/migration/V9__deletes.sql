-- Deletes both ways (issue 7): the id reconciliation that finds records deleted in Creatio, the
-- deletion safety breaker's pending list, and tombstones (the last values, so a wrong deletion can
-- be restored).
ALTER TABLE creatio_sync
    -- the last reconciliation cycle whose id listing saw the linked Creatio record
    ADD COLUMN seen_cycle          UUID,
    -- when the linked Creatio record was found deleted (by the reconciliation, or by an NIA update:
    -- update_vs_delete); null while it exists
    ADD COLUMN creatio_deleted_at  TIMESTAMPTZ;

-- The id reconciliation's state, one row per entity type; like pull_watermark, the row is the
-- cycle's leader lock (FOR UPDATE SKIP LOCKED) and at most one command per type is in flight.
CREATE TABLE reconcile_state (
    entity_type           TEXT         PRIMARY KEY,
    cycle_id              UUID,
    -- idle, listing (pages of Creatio ids), checking (ids not listed, read by id)
    phase                 TEXT         NOT NULL DEFAULT 'idle',
    cycle_started_at      TIMESTAMPTZ,
    cursor_skip           INTEGER      NOT NULL DEFAULT 0,
    ids_seen              INTEGER      NOT NULL DEFAULT 0,
    in_flight_command_id  UUID,
    requested_at          TIMESTAMPTZ,
    next_reconcile_at     TIMESTAMPTZ,
    last_cycle_id         UUID,
    last_cycle_at         TIMESTAMPTZ,
    last_ids_seen         INTEGER,
    last_deleted_found    INTEGER,
    last_error            TEXT,
    updated_at            TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- One row per deletion found or made: the breaker's pending list, the history an operator reads,
-- and the tombstone (the values both sides held) that a restore starts from.
CREATE TABLE sync_deletion (
    id              UUID         PRIMARY KEY,
    entity_type     TEXT         NOT NULL,
    local_id        UUID         NOT NULL,
    creatio_id      UUID,
    -- where the record was deleted: creatio (found by the reconciliation) or nia
    origin          TEXT         NOT NULL,
    -- the entity's delete mode when it was found (delete, deactivate, ignore)
    delete_mode     TEXT         NOT NULL,
    -- pending (held by the breaker), applied, approved, rejected, reappeared, deleted_in_nia
    status          TEXT         NOT NULL,
    held            BOOLEAN      NOT NULL DEFAULT FALSE,
    cycle_id        UUID,
    -- the tombstone: NIA's fields when it was found, and the last values both sides agreed on
    nia_values      JSONB,
    creatio_values  JSONB,
    reason          TEXT,
    detected_at     TIMESTAMPTZ  NOT NULL,
    decided_at      TIMESTAMPTZ,
    decided_by      TEXT
);
CREATE INDEX sync_deletion_window ON sync_deletion (entity_type, origin, detected_at);
CREATE INDEX sync_deletion_status ON sync_deletion (status, detected_at DESC);
CREATE UNIQUE INDEX sync_deletion_one_pending ON sync_deletion (entity_type, local_id) WHERE status = 'pending';
