-- The incremental pull's state, one row per entity type. The row is also the pull's leader lock:
-- a replica plans a pull only while it holds the row (FOR UPDATE SKIP LOCKED), and a page is in
-- flight at most once per type (in_flight_command_id).
CREATE TABLE pull_watermark (
    entity_type          text PRIMARY KEY,
    -- the latest Creatio ModifiedOn pulled, truncated DOWN to the microsecond (Creatio keeps 7 digits)
    watermark            timestamptz,
    -- where the page in flight starts: ModifiedOn ge cursor_since, skipping cursor_skip rows
    cursor_since         timestamptz,
    cursor_skip          integer     NOT NULL DEFAULT 0,
    in_flight_command_id uuid,
    requested_at         timestamptz,
    next_pull_at         timestamptz,
    last_cycle_at        timestamptz,
    pages                bigint      NOT NULL DEFAULT 0,
    records_pulled       bigint      NOT NULL DEFAULT 0,
    commands_planned     bigint      NOT NULL DEFAULT 0,
    echoes_skipped       bigint      NOT NULL DEFAULT 0,
    records_created      bigint      NOT NULL DEFAULT 0,
    updated_at           timestamptz NOT NULL DEFAULT now()
);
